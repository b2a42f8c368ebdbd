import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryLine, help, logsCommands, parseSearchArgs, searchCore } from '../../../main/cli/commands/logs';
import { CliError } from '../../../main/cli/common';
import { jsonForTerminal, terminalSafe } from '../../../main/security/terminal-text';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { openLogsApp, type LogsApp } from './helpers';

describe('opsroom logs search: arguments', () => {
  it('reads the query words, repeated filters and the rest', () => {
    expect(
      parseSearchArgs([
        'disk',
        'full',
        '--host',
        'a',
        '--host',
        'b',
        '--unit',
        'x.service',
        '--level',
        'WARNING',
        '--since',
        'now-1h',
        '--limit',
        '5',
        '--json',
      ]),
    ).toEqual({
      query: 'disk full',
      hosts: ['a', 'b'],
      units: ['x.service'],
      level: 'warning',
      since: 'now-1h',
      until: undefined,
      limit: 5,
      json: true,
      workspace: undefined,
    });
    expect(parseSearchArgs(['--help'])).toBe('help');
    expect(logsCommands.search!.help).toBe(help);
  });

  it('refuses bad values with a sentence naming the flag', () => {
    expect(() => parseSearchArgs(['--limit', '0'])).toThrow(
      new CliError('--limit takes a whole number from 1 to 5000.'),
    );
    expect(() => parseSearchArgs(['--level', 'loud'])).toThrow(
      /--level takes one of emerg, alert, crit, err, warning, notice, info, debug/,
    );
    expect(() => parseSearchArgs(['--hots', 'a'])).toThrow(/Unknown option '--hots'/);
  });

  it('writes one line per entry, breaks in a message as \\n', () => {
    expect(
      entryLine({
        id: 1,
        time: 0,
        ciId: 'c',
        host: 'web-01',
        unit: '',
        level: 'err',
        message: 'a\r\nb',
        highlighted: null,
      }),
    ).toBe('1970-01-01T00:00:00.000Z web-01 - err a\\nb');
  });
});

describe('host text on a terminal', () => {
  // ESC, the 8-bit CSI, DEL, BEL and a right-to-left override: what a hostile log line would use.
  // eslint-disable-next-line no-control-regex
  const danger = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('a log line cannot retitle the window, move the cursor or reorder what is shown', () => {
    const line = entryLine({
      id: 1,
      time: 0,
      ciId: 'c',
      host: 'web-01\u001b]0;pwned\u0007',
      unit: 'app\u009b2J',
      level: 'err',
      message: 'ok\u001b[2K\u202eexe.txt\tend\rX',
      highlighted: null,
    });
    expect(line).toBe(
      '1970-01-01T00:00:00.000Z web-01\\u001b]0;pwned\\u0007 app\\u009b2J err ok\\u001b[2K\\u202eexe.txt\tend\\u000dX',
    );
  });

  it('keeps tabs; escapes every dangerous character, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(danger);
        expect(safe.split('\t').length).toBe(text.split('\t').length);
      }),
    );
  });

  it('JSON for a terminal is the same data, with nothing dangerous left raw (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const data = { value, text };
        const json = jsonForTerminal(data);
        // Its own line breaks are layout; every one inside a string is escaped by JSON itself.
        expect(json.replaceAll('\n', '')).not.toMatch(danger);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });
});

describe('opsroom logs search: output', () => {
  let f: LogsApp;
  beforeAll(async () => {
    f = openLogsApp();
    const ci = await f.addHost('web-01');
    const s = await f.call<LogSource>('monitoring.logs.sources.save', { ciId: ci.id, kind: 'journal' });
    const row = f.logs.service.sources.get(s.id)!;
    const t = f.clock.now();
    f.logs.service.lines.commit(
      row,
      'web-01',
      [1, 2, 3].map((i) => ({ time: t - (4 - i) * 1000, unit: 'app.service', level: 6, message: `request ${i} done` })),
      { cursor: 'c', inode: null, offset: 0, more: false },
      t,
      null,
    );
  });
  afterAll(async () => f?.close());

  const run = async (args: string[]) => {
    const a = parseSearchArgs(args);
    if (a === 'help') throw new Error('help');
    const lines: string[] = [];
    const code = await searchCore(
      (m, i) => f.call(m, i),
      a,
      (l) => lines.push(l),
    );
    return { code, lines };
  };

  it('prints the newest page oldest first, and says when more matched', async () => {
    const r = await run(['request', '--limit', '2']);
    expect(r.code).toBe(0);
    const t = (ago: number) => new Date(f.clock.now() - ago).toISOString();
    expect(r.lines).toEqual([
      `${t(2000)} web-01 app.service info request 2 done`,
      `${t(1000)} web-01 app.service info request 3 done`,
      '2 of 3 lines shown, the newest (--limit to see more)',
    ]);
  });

  it('says so when nothing matches; a bad --since is the service sentence', async () => {
    expect((await run(['nothing-like-this'])).lines).toEqual(['no log lines match']);
    await expect(run(['--since', 'last week'])).rejects.toThrow(/"last week" is not a time/);
  });
});
