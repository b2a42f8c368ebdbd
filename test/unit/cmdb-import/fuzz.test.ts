import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportCis } from '../../../main/cmdb/export/index';
import { inspectCsv, parseImport } from '../../../main/cmdb/import/index';
import type { ImportFormat } from '../../../shared/api/cmdb';
import { exportDataArb } from '../cmdb-export/arbitraries';
import { checkContract, fixture, fsAccess, hostNames } from './helpers';

/** Characters each format gives meaning to, so random text reaches the interesting branches. */
const alphabets: Record<ImportFormat, string> = {
  'ansible-ini': '[]:=\'"#; \n\r\tabc01-._*!\\',
  'ansible-yaml': '{}[]:,-?&*!|>\'"#% \n\tabc01~@`',
  'ssh-config': ' =\n\t"\'#*?!,@:%~/HostMatchIncludeProxyJumpPort0129',
  csv: ',;\t|"\'\r\n =+-@abc',
  json: '{}[]:,"\\ \nabc019-.etrufnl',
};

const fixtureFor: Record<ImportFormat, () => string> = {
  'ansible-ini': () => fixture('inventory.ini'),
  'ansible-yaml': () => fixture('inventory.yml'),
  'ssh-config': () => fixture('ssh/config'),
  csv: () => fixture('hosts.csv'),
  json: () => exportCis('json', fc.sample(exportDataArb, { numRuns: 1, seed: 11 })[0]).content,
};

const sshOptions = { ...fsAccess, baseDir: `${import.meta.dirname}/../../fixtures/cmdb/ssh`, homeDir: '/home/alice' };

function run(format: ImportFormat, content: string) {
  return parseImport(format, content, format === 'ssh-config' ? sshOptions : {});
}

const textFor = (format: ImportFormat) =>
  fc.oneof(
    fc.string({ maxLength: 200, unit: 'binary' }),
    fc.string({ maxLength: 300, unit: fc.constantFrom(...alphabets[format]) }),
  );

/** Random edits to a realistic file: inserts, deletions, duplicated and swapped lines. */
const mutated = (format: ImportFormat) => {
  const base = fixtureFor[format]();
  const op = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'dup', 'swap'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 40 }),
    text: fc.string({ maxLength: 12, unit: fc.constantFrom(...alphabets[format]) }),
  });
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let s = base;
    for (const o of ops) {
      const at = o.at % (s.length + 1);
      if (o.kind === 'insert') s = s.slice(0, at) + o.text + s.slice(at);
      else if (o.kind === 'delete') s = s.slice(0, at) + s.slice(at + o.len);
      else {
        const lines = s.split('\n');
        const i = o.at % lines.length;
        const j = (o.at + o.len) % lines.length;
        if (o.kind === 'dup') lines.splice(i, 0, lines[i]);
        else [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
      }
    }
    return s;
  });
};

const formats: ImportFormat[] = ['ansible-ini', 'ansible-yaml', 'ssh-config', 'csv', 'json'];

describe.each(formats)('%s importer under fuzzing', (format) => {
  it('never throws anything but OpsError with a line, on arbitrary text', () => {
    fc.assert(
      fc.property(textFor(format), (text) => checkContract(() => run(format, text), text)),
      { numRuns: 1500 },
    );
  });

  it('never crashes on mutated fixtures, and problem lines stay inside the file', () => {
    fc.assert(
      fc.property(mutated(format), (text) => checkContract(() => run(format, text), text)),
      { numRuns: 700 },
    );
  });
});

describe('inspectCsv under fuzzing', () => {
  it('only throws OpsError with a line', () => {
    fc.assert(
      fc.property(textFor('csv'), (text) =>
        checkContract(() => {
          inspectCsv(text);
          return { records: [], errors: [], notices: [] };
        }, text),
      ),
      { numRuns: 1000 },
    );
  });
});

/** A generated inventory: groups, each with distinct hosts and a port var, some nested. */
const inventoryArb = fc
  .tuple(
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), { minLength: 1, maxLength: 5 }),
    fc.uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/),
        pick: fc.nat(),
        port: fc.integer({ min: 1, max: 65535 }),
      }),
      { selector: (h) => h.name, maxLength: 20 },
    ),
  )
  .filter(([groups]) => !groups.includes('all') && !groups.includes('ungrouped'))
  .map(([groups, hosts]) => ({ groups, hosts: hosts.map((h) => ({ ...h, group: groups[h.pick % groups.length] })) }));

describe('generated valid inventories', () => {
  it('INI and YAML give the expected host set, ports and groups', () => {
    fc.assert(
      fc.property(inventoryArb, ({ groups, hosts }) => {
        const iniText = groups
          .map((g) =>
            [`[${g}]`, ...hosts.filter((h) => h.group === g).map((h) => `${h.name} ansible_port=${h.port}`)].join('\n'),
          )
          .join('\n\n');
        const children: Record<string, unknown> = {};
        for (const g of groups)
          children[g] = {
            hosts: Object.fromEntries(
              hosts.filter((h) => h.group === g).map((h) => [h.name, { ansible_port: h.port }]),
            ),
          };
        const yamlText = stringify({ all: { children } });
        for (const [format, text] of [
          ['ansible-ini', iniText],
          ['ansible-yaml', yamlText],
        ] as const) {
          const r = parseImport(format, text, {});
          expect(r.errors).toEqual([]);
          expect(hostNames(r)).toEqual(hosts.map((h) => h.name).sort());
          for (const h of hosts) {
            const rec = r.records.find((x) => x.type === 'host' && x.name === h.name);
            expect(rec?.connection?.port).toBe(h.port);
            expect(rec?.tags).toEqual([h.group]);
          }
          expect(
            r.records
              .filter((x) => x.type === 'group')
              .map((x) => x.name)
              .sort(),
          ).toEqual([...groups].sort());
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ssh_config gives one host per literal Host name, never for wildcards', () => {
    const block = fc.record({
      names: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/), { minLength: 1, maxLength: 3 }),
      wild: fc.constantFrom('', '*', 'web-*', '!bad', '?x'),
      user: fc.option(fc.stringMatching(/^[a-z]{1,6}$/), { nil: null }),
      keywordCase: fc.constantFrom('HostName', 'hostname', 'HOSTNAME'),
      eq: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (blocks) => {
        const text = blocks
          .map((b) =>
            [
              `Host ${[...b.names, b.wild].filter((x) => x).join(' ')}`,
              `  ${b.keywordCase}${b.eq ? '=' : ' '}${b.names[0]}.example`,
              b.user ? `  User ${b.user}` : '',
            ].join('\n'),
          )
          .join('\n');
        const r = parseImport('ssh-config', text, {});
        expect(r.errors).toEqual([]);
        expect(hostNames(r)).toEqual([...new Set(blocks.flatMap((b) => b.names))].sort());
        expect(r.notices).toHaveLength(blocks.filter((b) => b.wild).length);
      }),
      { numRuns: 400 },
    );
  });
});
