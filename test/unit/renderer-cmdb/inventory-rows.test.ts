import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ci } from '../../../shared/api/cmdb-model';
import { cmdbApi } from '../../../shared/api/cmdb';
import { bulkCall, bulkReady, describeBulk, isLargeBulk } from '../../../renderer/views/inventory/bulk';
import { PageCache, pagesForRange } from '../../../renderer/views/inventory/page-cache';
import {
  emptySelection,
  isSelected,
  resolveIds,
  selectAllMatching,
  selectRange,
  selectedCount,
  toggleRow,
} from '../../../renderer/views/inventory/selection';

function row(i: number, tag = ''): Ci {
  return {
    id: `id${i}`,
    type: 'host',
    name: `h${i}${tag}`,
    description: '',
    ownerTeam: null,
    ownerPerson: null,
    environment: null,
    status: 'active',
    criticality: null,
    tags: [],
    fields: {},
    connection: null,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  };
}

/** A fake server of `total` rows whose replies the test releases by hand. */
function fakeServer(total: number) {
  const calls: { offset: number; limit: number; resolve: () => void; fail: (e: Error) => void }[] = [];
  let suffix = '';
  const fetch = (offset: number, limit: number) =>
    new Promise<{ items: Ci[]; total: number }>((resolve, reject) => {
      const tag = suffix;
      calls.push({
        offset,
        limit,
        resolve: () => {
          const items: Ci[] = [];
          for (let i = offset; i < Math.min(total, offset + limit); i++) items.push(row(i, tag));
          resolve({ items, total });
        },
        fail: reject,
      });
    });
  return { calls, fetch, setSuffix: (s: string) => (suffix = s) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('inventory page cache', () => {
  it('maps a row range to the pages that cover it', () => {
    expect(pagesForRange(0, 0)).toEqual([0]);
    expect(pagesForRange(490, 510)).toEqual([0, 1]);
    expect(pagesForRange(1000, 1499)).toEqual([2]);
    expect(pagesForRange(10, 5)).toEqual([]);
  });

  it('fetches only visible pages, each once at a time, and never past the end', async () => {
    const s = fakeServer(100_000);
    let changes = 0;
    const cache = new PageCache(s.fetch, () => changes++);
    cache.ensure(0, 40);
    cache.ensure(0, 40);
    expect(s.calls.map((c) => c.offset)).toEqual([0]);
    s.calls[0]!.resolve();
    await flush();
    expect(cache.total).toBe(100_000);
    expect(cache.get(7)?.name).toBe('h7');
    expect(cache.get(600)).toBeUndefined();
    cache.ensure(50_000, 50_040);
    expect(s.calls.map((c) => c.offset)).toEqual([0, 50_000]);
    cache.ensure(99_990, 100_060);
    expect(s.calls.map((c) => c.offset)).toEqual([0, 50_000, 99_500]);
    expect(changes).toBe(1);
  });

  it('drops a reply that arrives after the query changed', async () => {
    const s = fakeServer(1000);
    const cache = new PageCache(s.fetch, () => {});
    cache.ensure(0, 10);
    cache.reset();
    s.setSuffix('-new');
    cache.ensure(0, 10);
    s.calls[1]!.resolve();
    await flush();
    s.calls[0]!.resolve(); // the old query's page, late
    await flush();
    expect(cache.get(0)?.name).toBe('h0-new');
  });

  it('keeps old rows on screen during a live refresh, then swaps them', async () => {
    const s = fakeServer(1000);
    const cache = new PageCache(s.fetch, () => {});
    cache.ensure(0, 10);
    s.calls[0]!.resolve();
    await flush();
    s.setSuffix('-v2');
    cache.refresh();
    // The refetch is on its way; the rows already shown stay until it lands.
    expect(s.calls).toHaveLength(2);
    expect(cache.get(0)?.name).toBe('h0');
    s.calls[1]!.resolve();
    await flush();
    expect(cache.get(0)?.name).toBe('h0-v2');
  });

  it('reports errors and retries the page next time', async () => {
    const s = fakeServer(1000);
    const cache = new PageCache(s.fetch, () => {});
    cache.ensure(0, 10);
    s.calls[0]!.fail(new Error('boom'));
    await flush();
    expect(cache.error).toBe('boom');
    cache.ensure(0, 10);
    expect(s.calls).toHaveLength(2);
  });

  it('bounds memory by evicting pages far from the one just loaded', async () => {
    const s = fakeServer(100_000);
    const cache = new PageCache(s.fetch, () => {}, 500, 3);
    for (let p = 0; p < 6; p++) {
      cache.ensure(p * 500, p * 500 + 1);
      s.calls[p]!.resolve();
      await flush();
    }
    expect(cache.loadedPages()).toEqual([3, 4, 5]);
  });
});

describe('inventory selection', () => {
  const idAt = (i: number) => (i < 100 ? `id${i}` : undefined);

  it('toggles rows and selects shift-click ranges from the anchor', () => {
    let s = toggleRow(emptySelection, 'id2', 2);
    s = selectRange(s, 5, idAt);
    expect([...s.ids].sort()).toEqual(['id2', 'id3', 'id4', 'id5']);
    s = selectRange(s, 3, idAt); // clicked row is on → range turns off
    expect([...s.ids].sort()).toEqual(['id2']);
    expect(selectedCount(s, 100)).toBe(1);
  });

  it('selects all matching cheaply and tracks exclusions', () => {
    let s = selectAllMatching();
    expect(selectedCount(s, 100_000)).toBe(100_000);
    s = toggleRow(s, 'id3', 3);
    expect(isSelected(s, 'id3')).toBe(false);
    expect(isSelected(s, 'id4')).toBe(true);
    expect(selectedCount(s, 100_000)).toBe(99_999);
    expect(resolveIds(s, ['id1', 'id3', 'id4'])).toEqual(['id1', 'id4']);
  });

  it('counts what it resolves, for any sequence of clicks', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.record({ i: fc.integer({ min: 0, max: 99 }), shift: fc.boolean() }), { maxLength: 40 }),
        (all, clicks) => {
          let s = all ? selectAllMatching() : emptySelection;
          for (const c of clicks) s = c.shift ? selectRange(s, c.i, idAt) : toggleRow(s, `id${c.i}`, c.i);
          const everything = Array.from({ length: 100 }, (_, i) => `id${i}`);
          const ids = resolveIds(s, everything);
          expect(ids.length).toBe(selectedCount(s, 100));
          for (const id of everything) expect(ids.includes(id)).toBe(isSelected(s, id));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('bulk actions', () => {
  it('builds inputs the contract accepts', () => {
    const ids = ['a', 'b'];
    const tag = bulkCall({ kind: 'addTags', tags: ['web'] }, ids);
    expect(tag.method).toBe('cmdb.ci.bulkUpdate');
    expect(cmdbApi['cmdb.ci.bulkUpdate'].input.parse(tag.input)).toMatchObject({
      ids,
      addTags: ['web'],
      removeTags: [],
    });
    const env = bulkCall({ kind: 'setEnvironment', value: 'Prod' }, ids);
    expect(cmdbApi['cmdb.ci.bulkUpdate'].input.parse(env.input).set).toEqual({ environment: 'prod' });
    const owner = bulkCall({ kind: 'setOwner', team: null }, ids);
    expect(cmdbApi['cmdb.ci.bulkUpdate'].input.parse(owner.input).set).toEqual({ ownerTeam: null });
    const del = bulkCall({ kind: 'delete' }, ids);
    expect(del.method).toBe('cmdb.ci.delete');
    expect(cmdbApi['cmdb.ci.delete'].input.parse(del.input)).toEqual({ ids });
  });

  it('states the count and asks harder past the threshold', () => {
    expect(describeBulk({ kind: 'delete' }, 12_345)).toBe('Delete 12,345 CIs and their relationships?');
    expect(describeBulk({ kind: 'addTags', tags: ['a', 'b'] }, 1)).toBe('Add a, b to 1 CI?');
    expect(bulkReady({ kind: 'removeTags', tags: [] })).toBe(false);
    expect(isLargeBulk(1, 1)).toBe(false);
    expect(isLargeBulk(2, 1)).toBe(true);
  });
});
