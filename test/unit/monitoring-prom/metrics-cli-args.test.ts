import { describe, expect, it } from 'vitest';
import { formatValue, parseQueryArgs, summaryLines } from '../../../main/cli/commands/metrics';
import { CliError } from '../../../main/cli/common';

function refused(args: string[]): string {
  try {
    parseQueryArgs(args);
  } catch (e) {
    expect(e instanceof CliError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('opsroom metrics query: arguments', () => {
  it('takes a saved name, a bare URL or --local', () => {
    expect(parseQueryArgs(['up', '--datasource', 'lab'])).toMatchObject({
      expr: 'up',
      source: { kind: 'datasource', name: 'lab' },
      from: 'now-1h',
      to: 'now',
      widthPx: 1000,
      json: false,
    });
    expect(parseQueryArgs(['up', '--datasource', 'http://127.0.0.1:9090'])!.source).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:9090',
    });
    expect(parseQueryArgs(['up', '--local'])!.source).toEqual({ kind: 'local' });
  });

  it('joins an unquoted expression split by the shell', () => {
    expect(parseQueryArgs(['sum', 'by', '(job)', '(up)', '--local'])!.expr).toBe('sum by (job) (up)');
  });

  it('reads --range, --from/--to, --step, --width, --json and --workspace', () => {
    expect(parseQueryArgs(['up', '--local', '--range', '6h'])).toMatchObject({ from: 'now-6h', to: 'now' });
    expect(parseQueryArgs(['up', '--local', '--from', 'now-2h', '--to', 'now-1h'])).toMatchObject({
      from: 'now-2h',
      to: 'now-1h',
    });
    expect(parseQueryArgs(['up', '--local', '--from', '2026-11-27T00:00:00Z'])).toMatchObject({
      from: '2026-11-27T00:00:00Z',
      to: 'now',
    });
    expect(
      parseQueryArgs(['up', '--local', '--step', '30s', '--width', '200', '--json', '--workspace', '/tmp/w']),
    ).toMatchObject({ minInterval: '30s', widthPx: 200, json: true, workspace: '/tmp/w' });
    expect(parseQueryArgs(['--help'])).toBeNull();
  });

  it('refuses what cannot be meant, with the fix in the message', () => {
    expect(refused(['--local'])).toMatch(/Give the PromQL expression/);
    expect(refused(['up'])).toMatch(/--datasource NAME\|URL or --local/);
    expect(refused(['up', '--local', '--datasource', 'x'])).toMatch(/either --datasource or --local/);
    expect(refused(['up', '--local', '--range', '1h', '--from', 'now-1h'])).toMatch(/--range or --from\/--to/);
    expect(refused(['up', '--local', '--to', 'now'])).toMatch(/--to needs --from/);
    expect(refused(['up', '--local', '--range', '1hour'])).toMatch(/--range: "1hour" is not a duration/);
    expect(refused(['up', '--local', '--step', 'x'])).toMatch(/--step/);
    expect(refused(['up', '--local', '--width', '5'])).toMatch(/--width takes a whole number/);
    expect(refused(['up', '--local', '--rnage', '1h'])).toMatch(/rnage/);
  });
});

describe('opsroom metrics query: output', () => {
  it('formats values compactly and prints one row per series', () => {
    expect(formatValue(null)).toBe('-');
    expect(formatValue(25276502016)).toBe('25276502016');
    expect(formatValue(0.973333333333)).toBe('0.973333');
    const lines = summaryLines({
      series: [{ labels: {}, name: 'up{job="node"}', t: [0, 1, 2], v: [1, null, 0], rawPoints: 3 }],
      from: 0,
      to: 2000,
      stepMs: 1000,
      warnings: [],
      rawPoints: 3,
      sentPoints: 3,
      tookMs: 1,
    });
    expect(lines[0]).toBe('1970-01-01T00:00:00Z to 1970-01-01T00:00:02Z, step 1s, 1 series, 3 points');
    expect(lines[1]).toMatch(/^SERIES\s+POINTS\s+LAST\s+MIN\s+MAX$/);
    expect(lines[3]).toMatch(/^up\{job="node"\}\s+2\s+0\s+0\s+1$/);
  });
});
