import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCis } from '../../../main/cmdb/export/index';
import { parseImport } from '../../../main/cmdb/import/index';
import type { ImportRecord } from '../../../main/cmdb/import/types';
import type { Ci } from '../../../shared/api/cmdb-model';
import { exportDataArb } from './arbitraries';

/** Independently written: what an empty CMDB needs to recreate these CIs and relations. */
function expectedRecords(cis: Ci[], relations: { type: string; fromId: string; toId: string }[]) {
  const byId = new Map(cis.map((c) => [c.id, c]));
  return cis.map((c) => ({
    id: c.id,
    type: c.type,
    name: c.name,
    description: c.description,
    ownerTeam: c.ownerTeam,
    ownerPerson: c.ownerPerson,
    environment: c.environment,
    status: c.status,
    criticality: c.criticality,
    tags: c.tags,
    fields: c.fields,
    ...(c.connection
      ? {
          connection: {
            address: c.connection.address,
            port: c.connection.port,
            user: c.connection.user,
            jumpHost: c.connection.jumpHostId ? (byId.get(c.connection.jumpHostId)?.name ?? null) : null,
          },
        }
      : {}),
    relations: relations
      .filter((r) => r.fromId === c.id)
      .map((r) => ({ type: r.type, to: byId.get(r.toId)?.name, toType: byId.get(r.toId)?.type })),
  }));
}

const withoutLines = (records: ImportRecord[]) => records.map(({ line: _line, ...r }) => r);

describe('JSON export ⇄ import', () => {
  it('round-trips generated inventories exactly at record level', () => {
    fc.assert(
      fc.property(exportDataArb, (data) => {
        const { content, fileName } = exportCis('json', data);
        expect(fileName).toBe('opsroom-cmdb-2023-11-14.json');
        const result = parseImport('json', content, {});
        expect(result.errors).toEqual([]);
        expect(withoutLines(result.records)).toEqual(expectedRecords(data.cis, data.relations));
        // each record points at the line its CI object opens on
        const lines = content.split('\n');
        for (const r of result.records) expect(lines[r.line - 1].trim()).toBe('{');
      }),
      { numRuns: 300 },
    );
  });

  it('writes a stable, pretty-printed document with the documented header', () => {
    const data = fc.sample(exportDataArb, { numRuns: 1, seed: 7 })[0];
    const a = exportCis('json', data).content;
    expect(exportCis('json', structuredClone(data)).content).toBe(a);
    const doc = JSON.parse(a) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'cis', 'relations']);
    expect(doc).toMatchObject({ format: 'opsroom-cmdb', version: 1, exportedAt: '2023-11-14T22:13:20.000Z' });
    expect(a).toMatch(/^\{\n {2}"format"/);
  });

  it('reports bad items with their line and keeps the good ones', () => {
    const text = [
      '{ "format": "opsroom-cmdb", "version": 1, "exportedAt": "x",',
      '  "cis": [',
      '    { "id": "a", "type": "host", "name": "ok", "description": "", "ownerTeam": null, "ownerPerson": null, "environment": null, "status": "active", "criticality": null, "tags": [], "fields": {}, "connection": null, "createdAt": 1, "updatedAt": 1, "version": 1 },',
      '    { "id": "b", "type": "host", "name": "bad", "status": "exploded" },',
      '    42',
      '  ],',
      '  "relations": [ { "type": "depends_on", "from": "a", "to": "b" },',
      '    { "type": "depends_on", "from": "a", "to": "a" } ] }',
    ].join('\n');
    const r = parseImport('json', text, {});
    expect(r.records.map((x) => x.name)).toEqual(['ok']);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5, 7]);
    expect(r.records[0].relations).toEqual([{ type: 'depends_on', to: 'ok', toType: 'host' }]);
  });

  it('throws with a line for broken JSON and for other documents', () => {
    expect(() => parseImport('json', '{\n  "format": "opsroom-cmdb",\n  "cis": [,]\n}', {})).toThrow(/^line 3: /);
    expect(() => parseImport('json', '{"format":"other","version":1,"cis":[]}', {})).toThrow(
      /not an Opsroom CMDB export/,
    );
    expect(() => parseImport('json', '{"format":"opsroom-cmdb","version":2,"cis":[]}', {})).toThrow(/version 2/);
  });

  it('keeps credential references for the importing vault to check', () => {
    const data = fc.sample(
      exportDataArb.filter((d) => d.cis.some((c) => c.connection)),
      { numRuns: 1, seed: 3 },
    )[0];
    const withCred = data.cis.find((c) => c.connection);
    if (withCred?.connection) withCred.connection.credentialId = 'secret-1';
    const r = parseImport('json', exportCis('json', data).content, {});
    const rec = r.records.find((x) => x.name === withCred!.name && x.type === withCred!.type);
    expect(rec?.connection?.credentialId).toBe('secret-1');
  });
});
