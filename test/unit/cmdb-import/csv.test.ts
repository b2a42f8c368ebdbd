import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../main/cmdb/import/csv-read';
import { inspectCsv, parseImport } from '../../../main/cmdb/import/index';
import { OpsError } from '../../../shared/api/errors';
import { byName, fixture } from './helpers';

const csv = (text: string, mapping?: Record<string, string>, delimiter?: ',' | ';' | '\t' | '|') =>
  parseImport('csv', text, { mapping, delimiter });

describe('CSV reader', () => {
  it('handles quotes, escaped quotes, CRLF, BOM and embedded newlines with correct line numbers', () => {
    const rows = readCsv('\uFEFFa,b\r\n"x\r\ny","say ""hi"""\r\n\r\nlast,"1\n2\n3"\nend,z', ',');
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'say "hi"'],
      ['last', '1\n2\n3'],
      ['end', 'z'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 8]);
  });
  it('throws with the opening line for a quote never closed', () => {
    try {
      readCsv('a,b\nok,1\n"never,2\nmore\n', ',');
      expect.unreachable();
    } catch (e) {
      expect((e as OpsError).details).toEqual({ line: 3 });
    }
  });
});

describe('CSV import', () => {
  const text = fixture('hosts.csv');

  it('detects the ; delimiter and suggests a mapping from fuzzy headers', () => {
    const info = inspectCsv(text);
    expect(info.delimiter).toBe(';');
    expect(info.columns[0]).toBe('Hostname');
    expect(info.suggested).toEqual({
      Hostname: 'name',
      'IP Address': 'address',
      Env: 'environment',
      Team: 'ownerTeam',
      Tags: 'tags',
      'SSH Port': 'port',
      Rack: 'fields.Rack',
      Notes: 'description',
    });
    expect(info.targets).toEqual(expect.arrayContaining(['name', 'jumpHost', 'id', 'fields.Rack', 'ignore']));
    expect(info.rows).toHaveLength(6);
  });

  it('imports the quirky fixture with row errors on the right lines', () => {
    const r = csv(text);
    expect(r.records.map((x) => [x.name, x.line])).toEqual([
      ['web01', 2],
      ['web02', 3],
      ['db01', 6],
      ['sheet01', 9],
    ]);
    expect(r.errors.map((e) => [e.line, e.name])).toEqual([
      [7, null],
      [8, 'build01'],
    ]);
    const web02 = byName(r, 'web02');
    expect(web02).toMatchObject({
      type: 'host',
      tags: ['frontend', 'public'],
      description: 'two\r\nlines',
      connection: { port: 2222 },
    });
    expect(byName(r, 'db01').description).toBe('a "quoted" word');
    expect(byName(r, 'sheet01').fields).toEqual({ Rack: '=r5' });
    expect(byName(r, 'sheet01').description).toBe('=HYPERLINK("x")');
  });

  it('suggests hostname as the name, or as the address when a name column exists', () => {
    expect(inspectCsv('hostname,ip_address,env,owner\n').suggested).toEqual({
      hostname: 'name',
      ip_address: 'address',
      env: 'environment',
      owner: 'ownerTeam',
    });
    expect(inspectCsv('name,fqdn,ip\n').suggested).toEqual({ name: 'name', fqdn: 'fields.fqdn', ip: 'address' });
    expect(inspectCsv('name,fqdn\n').suggested).toEqual({ name: 'name', fqdn: 'address' });
    expect(inspectCsv('host\tteam\tcolor\n').suggested).toEqual({
      host: 'name',
      team: 'ownerTeam',
      color: 'fields.color',
    });
  });

  it('uses an explicit mapping and types fields', () => {
    const r = csv('n|kind|c|x\nh1|VM|42|true\n', { n: 'name', kind: 'type', c: 'fields.cores', x: 'fields.ok' }, '|');
    expect(r.records).toEqual([{ line: 2, type: 'vm', name: 'h1', fields: { cores: 42, ok: true } }]);
  });

  it('refuses unusable mappings and headers as a whole', () => {
    expect(() => csv('a,b\n1,2\n', { a: 'name', b: 'colour' })).toThrow(/not a CI attribute/);
    expect(() => csv('a,b\n1,2\n', { a: 'name', c: 'type' })).toThrow(/not in the header/);
    expect(() => csv('a,b\n1,2\n', { a: 'name', b: 'name' })).toThrow(/both map/);
    expect(() => csv('a,b\n1,2\n', { a: 'type' })).toThrow(/mapped to name/);
    expect(() => csv('')).toThrow(OpsError);
    expect(() => csv('name,name\nx,y\n')).toThrow(/twice/);
  });

  it('reports extra cells, bad status and text after a closing quote per row', () => {
    const r = csv('name,status\nok,active\nextra,active,x\nbad,broken\n"q"x,active\n');
    expect(r.records.map((x) => x.name)).toEqual(['ok']);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5]);
  });
});
