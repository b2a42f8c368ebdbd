import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCis } from '../../../main/cmdb/export/index';
import { protectCell, unprotectCell } from '../../../main/cmdb/import/csv-formula';
import { parseImport } from '../../../main/cmdb/import/index';
import type { Ci } from '../../../shared/api/cmdb-model';
import { exportDataArb } from './arbitraries';

/** What CSV can carry back: empty cells are absent, times/version/credentials are not exported. */
function expectedFromCsv(c: Ci, byId: Map<string, Ci>) {
  const conn: Record<string, unknown> = {};
  if (c.connection?.address) conn.address = c.connection.address;
  if (c.connection?.port) conn.port = c.connection.port;
  if (c.connection?.user) conn.user = c.connection.user;
  const jump = c.connection?.jumpHostId ? byId.get(c.connection.jumpHostId)?.name : undefined;
  if (jump) conn.jumpHost = jump;
  const fields = Object.fromEntries(Object.entries(c.fields).filter(([, v]) => v !== null));
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    status: c.status,
    ...(c.description.trim() !== '' ? { description: c.description } : {}),
    ...(c.environment ? { environment: c.environment } : {}),
    ...(c.criticality ? { criticality: c.criticality } : {}),
    ...(c.ownerTeam ? { ownerTeam: c.ownerTeam } : {}),
    ...(c.ownerPerson ? { ownerPerson: c.ownerPerson } : {}),
    ...(c.tags.length > 0 ? { tags: c.tags } : {}),
    ...(Object.keys(conn).length > 0 ? { connection: conn } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

describe('CSV export', () => {
  it('round-trips generated tables through export → import with the suggested mapping', () => {
    fc.assert(
      fc.property(exportDataArb, (data) => {
        const { content } = exportCis('csv', data);
        const result = parseImport('csv', content, {});
        expect(result.errors).toEqual([]);
        const byId = new Map(data.cis.map((c) => [c.id, c]));
        expect(result.records.map(({ line: _l, ...r }) => r)).toEqual(data.cis.map((c) => expectedFromCsv(c, byId)));
        const lines = result.records.map((r) => r.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the documented stable columns, CRLF and RFC 4180 quoting', () => {
    const ci: Ci = {
      id: 'i1',
      type: 'host',
      name: 'web, "one"',
      description: 'multi\nline',
      ownerTeam: null,
      ownerPerson: null,
      environment: 'prod',
      status: 'active',
      criticality: 'high',
      tags: ['a', 'b'],
      fields: { zeta: 1, alpha: true },
      connection: { address: '10.0.0.1', port: 22, user: 'root', credentialId: null, jumpHostId: null },
      createdAt: 0,
      updatedAt: 0,
      version: 1,
    };
    const { content, fileName } = exportCis('csv', { cis: [ci], relations: [], exportedAt: 0 });
    expect(fileName).toBe('opsroom-cmdb-1970-01-01.csv');
    expect(content).toBe(
      'id,type,name,description,environment,status,criticality,ownerTeam,ownerPerson,tags,address,port,user,jumpHost,fields.alpha,fields.zeta\r\n' +
        'i1,host,"web, ""one""","multi\nline",prod,active,high,,,a;b,10.0.0.1,22,root,,true,1\r\n',
    );
  });

  it('protects formula-looking cells and the import reverses it', () => {
    for (const cell of ['=1+1', '+A1', '-2', '@SUM(1)', '\tx', '\rx', "'=x", "''@y"]) {
      expect(protectCell(cell)).toBe(`'${cell}`);
      expect(unprotectCell(protectCell(cell))).toBe(cell);
    }
    for (const cell of ['plain', "'quoted", "it's", '', '1-2']) {
      expect(protectCell(cell)).toBe(cell);
      expect(unprotectCell(cell)).toBe(cell);
    }
    fc.assert(
      fc.property(fc.string(), (s) => unprotectCell(protectCell(s)) === s && !/^[=+\-@\t\r]/.test(protectCell(s))),
      {
        numRuns: 2000,
      },
    );
  });
});
