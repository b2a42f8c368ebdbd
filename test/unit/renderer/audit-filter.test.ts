import { describe, expect, it } from 'vitest';
import { auditApi, type AuditEntry } from '../../../shared/api/audit';
import {
  cleanFilter,
  entryMatchesFilter,
  filterToChips,
  filterToListInput,
  removeFilterKey,
} from '../../../renderer/views/audit/filter';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 5,
  time: new Date('2026-11-27T10:00').getTime(),
  actor: 'alice',
  action: 'workspace.snapshots.take',
  target: 'workspace:/tmp/ops.db',
  outcome: 'ok',
  details: {},
  ref: null,
  hash: 'h',
  ...over,
});

describe('audit filter', () => {
  it('drops blank fields', () => {
    expect(cleanFilter({ action: '  ', target: ' x ', from: '' })).toEqual({ target: 'x' });
  });

  it('makes one chip per applied field, each removable alone', () => {
    const f = { action: 'workspace.', outcome: 'error' as const, actor: 'bob' };
    const chips = filterToChips(f);
    expect(chips.map((c) => c.key)).toEqual(['action', 'actor', 'outcome']);
    expect(chips[0].label).toBe('action starts with: workspace.');
    expect(removeFilterKey(f, 'actor')).toEqual({ action: 'workspace.', outcome: 'error' });
    expect(filterToChips({})).toEqual([]);
  });

  it('maps to an audit.list input the contract accepts', () => {
    const f = {
      action: 'workspace.',
      target: 'db',
      actor: 'alice',
      outcome: 'ok' as const,
      from: '2026-11-27T09:00',
      to: '2026-11-27T11:30',
    };
    const input = filterToListInput(f, 1234);
    expect(input).toEqual({
      limit: 500,
      before: 1234,
      action: 'workspace.',
      target: 'db',
      actor: 'alice',
      outcome: 'ok',
      from: new Date('2026-11-27T09:00').getTime(),
      to: new Date('2026-11-27T11:30').getTime(),
    });
    expect(auditApi['audit.list'].input.safeParse(input).success).toBe(true);
    expect(filterToListInput({})).toEqual({ limit: 500 });
    expect(filterToListInput({ from: 'not a time' })).toEqual({ limit: 500 });
  });

  it('matches live entries with the server rules', () => {
    expect(entryMatchesFilter(entry(), {})).toBe(true);
    expect(entryMatchesFilter(entry(), { action: 'Workspace.' })).toBe(true);
    expect(entryMatchesFilter(entry(), { action: 'snapshots' })).toBe(false);
    expect(entryMatchesFilter(entry(), { target: 'OPS.db' })).toBe(true);
    expect(entryMatchesFilter(entry(), { actor: 'ali' })).toBe(false);
    expect(entryMatchesFilter(entry(), { outcome: 'error' })).toBe(false);
    expect(entryMatchesFilter(entry(), { from: '2026-11-27T10:01' })).toBe(false);
    expect(entryMatchesFilter(entry(), { to: '2026-11-27T10:00' })).toBe(true);
    expect(entryMatchesFilter(entry(), { to: '2026-11-27T09:59' })).toBe(false);
  });
});
