import { describe, expect, it } from 'vitest';
import type { Ci } from '../../../shared/api/cmdb-model';
import {
  availableColumns,
  cellText,
  defaultColumns,
  gridTemplate,
  minRowWidth,
  nextSort,
  resolveColumns,
  setColumns,
  toggleColumn,
} from '../../../renderer/views/inventory/columns';

const fields = [
  { key: 'rack', label: 'Rack', type: 'text' as const, options: [], appliesTo: [] },
  { key: 'cores', label: 'Cores', type: 'number' as const, options: [], appliesTo: ['host'] },
];

const ci: Ci = {
  id: 'c1',
  type: 'host',
  name: 'web-1',
  description: '',
  ownerTeam: 'sre',
  ownerPerson: 'ana',
  environment: 'prod',
  status: 'active',
  criticality: null,
  tags: ['web', 'eu'],
  fields: { rack: 'r12', cores: 8, pci: false },
  connection: { address: '10.0.0.1', port: 2222, user: 'root', credentialId: null, jumpHostId: null },
  createdAt: 0,
  updatedAt: Date.UTC(2026, 0, 2, 3, 4),
  version: 1,
};

describe('inventory columns', () => {
  it('offers built-ins then custom fields, and resolves chosen ids in order', () => {
    expect(availableColumns(fields).map((c) => c.id)).toEqual([...defaultColumns, 'fields.rack', 'fields.cores']);
    const cols = resolveColumns(['status', 'fields.cores', 'bogus', 'fields.gone', 'status'], fields);
    expect(cols.map((c) => c.id)).toEqual(['name', 'status', 'fields.cores', 'fields.gone']);
    expect(cols[2]!.label).toBe('Cores');
    expect(cols[3]!.label).toBe('gone');
    expect(gridTemplate(cols).split(' ')[0]).toBe('32px');
  });

  it('keeps the name column and the order of columns that stay', () => {
    expect(toggleColumn(['name', 'type'], 'name')).toEqual(['name', 'type']);
    expect(toggleColumn(['name', 'type'], 'type')).toEqual(['name']);
    expect(toggleColumn(['name'], 'fields.rack')).toEqual(['name', 'fields.rack']);
    expect(setColumns(['name', 'tags', 'type'], ['type', 'tags', 'owner'])).toEqual(['name', 'tags', 'type', 'owner']);
    expect(setColumns(['tags'], ['tags'])).toEqual(['name', 'tags']);
  });

  it('flips sort on the same header and starts ascending on a new one', () => {
    expect(nextSort({ by: 'name', dir: 'asc' }, 'name')).toEqual({ by: 'name', dir: 'desc' });
    expect(nextSort({ by: 'name', dir: 'desc' }, 'name')).toEqual({ by: 'name', dir: 'asc' });
    expect(nextSort({ by: 'name', dir: 'desc' }, 'type')).toEqual({ by: 'type', dir: 'asc' });
  });

  it('renders cells as plain text', () => {
    expect(cellText(ci, 'owner')).toBe('sre / ana');
    expect(cellText(ci, 'tags')).toBe('web, eu');
    expect(cellText(ci, 'address')).toBe('10.0.0.1:2222');
    expect(cellText({ ...ci, connection: { ...ci.connection!, port: 22 } }, 'address')).toBe('10.0.0.1');
    expect(cellText({ ...ci, connection: null }, 'address')).toBe('');
    expect(cellText(ci, 'criticality')).toBe('');
    expect(cellText(ci, 'fields.cores')).toBe('8');
    expect(cellText(ci, 'fields.pci')).toBe('false');
    expect(cellText(ci, 'fields.none')).toBe('');
    expect(cellText(ci, 'updated')).toMatch(/^2026-01-0[12] \d\d:\d\d$/);
  });
});

describe('row width', () => {
  it('adds up the minimum of each track', () => {
    const cols = resolveColumns(['type', 'fields.rack'], fields);
    // padding 20 + checkbox 32 + (180 + 8) + (120 + 8) + (140 + 8)
    expect(minRowWidth(cols)).toBe(516);
  });
});
