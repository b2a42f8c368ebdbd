import { describe, expect, it } from 'vitest';
import { cmdbApi } from '../../../shared/api/cmdb';
import {
  addChip,
  addFieldFilter,
  emptyFilter,
  filterToChips,
  filterToQuery,
  parseFieldFilter,
  queryKey,
  queryToFilter,
  removeChip,
  searchInput,
} from '../../../renderer/views/inventory/query-chips';

describe('inventory filter chips', () => {
  it('turns every structured filter into one removable chip', () => {
    let f = addChip(emptyFilter, 'type', 'host');
    f = addChip(f, 'environment', 'prod');
    f = addChip(f, 'tag', 'web');
    f = addChip(f, 'tag', 'web'); // once only
    f = addChip(f, 'owner', 'sre');
    f = addChip(f, 'status', 'active');
    f = addFieldFilter(f, { key: 'rack', op: 'eq', value: 'r12' });
    const chips = filterToChips(f);
    expect(chips.map((c) => c.label)).toEqual([
      'type: host',
      'environment: prod',
      'status: active',
      'tag: web',
      'owner: sre',
      'rack = r12',
    ]);
    const withoutTag = removeChip(
      f,
      chips.find((c) => c.kind === 'tag')!,
    );
    expect(withoutTag.tags).toEqual([]);
    expect(withoutTag.types).toEqual(['host']);
    const withoutField = removeChip(
      f,
      chips.find((c) => c.kind === 'field')!,
    );
    expect(withoutField.fields).toEqual([]);
    expect(
      removeChip(
        f,
        chips.find((c) => c.kind === 'owner')!,
      ).ownerTeam,
    ).toBeUndefined();
  });

  it('refuses statuses and criticalities the contract does not know, and blank values', () => {
    expect(addChip(emptyFilter, 'status', 'broken')).toBe(emptyFilter);
    expect(addChip(emptyFilter, 'criticality', 'urgent')).toBe(emptyFilter);
    expect(addChip(emptyFilter, 'tag', '   ')).toBe(emptyFilter);
    expect(addChip(emptyFilter, 'criticality', 'high').criticalities).toEqual(['high']);
  });

  it('parses field filters as typed', () => {
    expect(parseFieldFilter('rack=r12')).toEqual({ key: 'rack', op: 'eq', value: 'r12' });
    expect(parseFieldFilter('cores > 8')).toEqual({ key: 'cores', op: 'gt', value: 8 });
    expect(parseFieldFilter('cores<2.5')).toEqual({ key: 'cores', op: 'lt', value: 2.5 });
    expect(parseFieldFilter('pci=true')).toEqual({ key: 'pci', op: 'eq', value: true });
    expect(parseFieldFilter('os!=linux')).toEqual({ key: 'os', op: 'neq', value: 'linux' });
    expect(parseFieldFilter('notes~disk')).toEqual({ key: 'notes', op: 'contains', value: 'disk' });
    expect(parseFieldFilter('serial?')).toEqual({ key: 'serial', op: 'exists' });
    expect(parseFieldFilter('cores>many')).toBeNull();
    expect(parseFieldFilter('just text')).toBeNull();
    expect(parseFieldFilter('=x')).toBeNull();
  });

  it('builds search input the contract accepts, and round-trips saved views', () => {
    let f = addChip(emptyFilter, 'type', 'vm');
    f = addFieldFilter({ ...f, text: '  web  ', ownerPerson: 'ana' }, { key: 'cores', op: 'gt', value: 4 });
    const input = searchInput(f, { by: 'updatedAt', dir: 'desc' }, 1000, 500);
    const parsed = cmdbApi['cmdb.search'].input.parse(input);
    expect(parsed.query.text).toBe('web');
    expect(parsed.offset).toBe(1000);
    expect(parsed.query.ownerPerson).toBe('ana');
    expect(queryToFilter(filterToQuery(f))).toEqual({ ...f, text: 'web', ownerTeam: undefined });
    expect(queryToFilter({})).toEqual({ ...emptyFilter, ownerTeam: undefined, ownerPerson: undefined });
  });

  it('keys the row cache on query and sort', () => {
    const a = queryKey(emptyFilter, { by: 'name', dir: 'asc' });
    expect(queryKey({ ...emptyFilter }, { by: 'name', dir: 'asc' })).toBe(a);
    expect(queryKey(emptyFilter, { by: 'name', dir: 'desc' })).not.toBe(a);
    expect(queryKey(addChip(emptyFilter, 'tag', 'x'), { by: 'name', dir: 'asc' })).not.toBe(a);
  });
});
