import { describe, expect, it } from 'vitest';
import type { Ci, HistoryEntry, Relation } from '../../../shared/api/cmdb-model';
import { ciInput } from '../../../shared/api/cmdb-model';
import { groupByDepth } from '../../../renderer/views/ci/blast';
import { draftFromCi, fieldsFor, patchFromDraft } from '../../../renderer/views/ci/ci-edit';
import { relationLines } from '../../../renderer/views/ci/ci-labels';
import { ciHash, parseCiHash } from '../../../renderer/views/ci/ci-route';
import { diffJson, diffLineText, summarizeEntry } from '../../../renderer/views/ci/history-diff';
import { parseRoute } from '../../../renderer/shell/route';

const ci: Ci = {
  id: 'c1',
  type: 'host',
  name: 'web-1',
  description: 'front',
  ownerTeam: 'sre',
  ownerPerson: null,
  environment: 'prod',
  status: 'active',
  criticality: 'high',
  tags: ['web'],
  fields: { rack: 'r1' },
  connection: { address: '10.0.0.1', port: 22, user: 'root', credentialId: null, jumpHostId: null },
  createdAt: 1,
  updatedAt: 2,
  version: 3,
};

describe('history diff', () => {
  it('shows each changed field as old → new, skipping bookkeeping', () => {
    const after = {
      ...ci,
      environment: 'staging',
      tags: ['web', 'eu'],
      fields: { rack: 'r2', cores: 8 },
      connection: { ...ci.connection, address: '10.0.0.2' },
      updatedAt: 9,
      version: 4,
    };
    const lines = diffJson(ci, after);
    expect(lines.map(diffLineText)).toEqual([
      'environment: prod → staging',
      'tags: web → web, eu',
      'connection.address: 10.0.0.1 → 10.0.0.2',
      'fields.cores: — → 8',
      'fields.rack: r1 → r2',
    ]);
    expect(lines[1]!.note).toBe('+eu');
    expect(lines.find((l) => l.path === 'fields.cores')!.kind).toBe('added');
  });

  it('lists everything as added on create and removed on delete, ignoring empties', () => {
    const created = diffJson(null, { name: 'x', tags: [], description: '', ownerTeam: null, version: 1 });
    expect(created.map(diffLineText)).toEqual(['name: — → x']);
    const deleted = diffJson({ name: 'x', environment: 'prod' }, null);
    expect(deleted.every((l) => l.kind === 'removed')).toBe(true);
    expect(deleted.map((l) => l.path)).toEqual(['name', 'environment']);
    expect(diffJson(ci, { ...ci })).toEqual([]);
  });

  it('reads a relationship change as one sentence', () => {
    const relation = {
      id: 'r1',
      type: 'depends_on',
      from: { id: 'a', name: 'app', type: 'service' },
      to: { id: 'b', name: 'db-1', type: 'database' },
    };
    expect(diffJson(null, { relation }).map(diffLineText)).toEqual(['relation: — → app depends on db-1']);
    expect(diffJson({ relation }, null)[0]!.kind).toBe('removed');
  });

  it('summarises an entry', () => {
    const e: HistoryEntry = {
      id: 1,
      ciId: 'c1',
      ciName: 'web-1',
      time: 0,
      actor: 'ana',
      requestId: 'r',
      op: 'update',
      before: { name: 'a' },
      after: { name: 'b' },
      auditSeq: 7,
    };
    expect(summarizeEntry(e, diffJson(e.before, e.after))).toBe('ana changed 1 field');
    expect(summarizeEntry({ ...e, op: 'create' }, [])).toBe('ana created web-1');
    expect(summarizeEntry({ ...e, op: 'relate' }, [])).toBe('ana related a relationship');
  });
});

describe('inline edit', () => {
  it('sends only what changed, in a shape the contract accepts', () => {
    const d = draftFromCi(ci);
    expect(patchFromDraft(ci, d)).toEqual({});
    const patch = patchFromDraft(ci, {
      ...d,
      environment: '  ',
      ownerPerson: 'bo',
      tags: ['web', 'eu'],
      fields: { rack: 'r1', cores: 4, empty: '' },
    });
    expect(patch).toEqual({
      environment: null,
      ownerPerson: 'bo',
      tags: ['web', 'eu'],
      fields: { rack: 'r1', cores: 4 },
    });
    expect(() => ciInput.partial().strict().parse(patch)).not.toThrow();
  });

  it('shows the fields defined for the type, then any other the CI carries', () => {
    const defs = [
      { key: 'cores', label: 'Cores', type: 'number' as const, options: [], appliesTo: ['host'] },
      { key: 'ns', label: 'Namespace', type: 'text' as const, options: [], appliesTo: ['k8s-workload'] },
    ];
    expect(fieldsFor(ci, defs).map((f) => f.key)).toEqual(['cores', 'rack']);
  });
});

describe('relationships and routes', () => {
  const ref = (id: string) => ({ id, name: id.toUpperCase(), type: 'host' });
  const rel = (id: string, type: string, from: string, to: string): Relation => ({
    id,
    type,
    from: ref(from),
    to: ref(to),
    createdAt: 0,
  });
  it('reads incoming relations with the inverse label', () => {
    const types = [{ name: 'depends_on', inverseLabel: 'required by', impact: 'to-source' as const, builtin: true }];
    const lines = relationLines(
      [rel('r1', 'depends_on', 'c1', 'db')],
      [rel('r2', 'depends_on', 'app', 'c1'), rel('r3', 'custom_rel', 'x', 'c1')],
      types,
    );
    expect(lines.map((l) => `${l.direction} ${l.label} ${l.other.name}`)).toEqual([
      'out depends on DB',
      'in custom rel (from) X',
      'in required by APP',
    ]);
  });

  it('routes #/ci/<id> to the inventory view and back to the id', () => {
    const views = ['audit', 'inventory'];
    expect(parseRoute(ciHash('a/b c'), views, 'audit')).toBe('inventory');
    expect(parseCiHash(ciHash('a/b c'))).toBe('a/b c');
    expect(parseCiHash('#/inventory')).toBeNull();
    expect(parseCiHash('#/ci/%E0%A4%A')).toBeNull();
    expect(parseRoute('#/ci/x', ['audit'], 'audit')).toBe('audit');
  });

  it('groups the blast radius by depth', () => {
    const g = groupByDepth({
      root: ref('c1'),
      impacted: [
        { ...ref('b'), depth: 2, via: 'a' },
        { ...ref('a'), depth: 1, via: 'c1' },
        { ...ref('aa'), depth: 2, via: 'a' },
      ],
      total: 3,
      truncated: false,
    });
    expect(g.map((x) => [x.depth, x.items.map((i) => i.id)])).toEqual([
      [1, ['a']],
      [2, ['aa', 'b']],
    ]);
  });
});
