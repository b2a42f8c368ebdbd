import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../main/store/migration';
import { validateMigrations } from '../../../main/store/migrate';
import { storeMigrations } from '../../../main/store/schema';

const m = (version: number): Migration => ({ version, name: `m${version}`, up() {} });

describe('validateMigrations', () => {
  it('sorts a contiguous 1..N list', () => {
    expect(validateMigrations([m(3), m(1), m(2)]).map((x) => x.version)).toEqual([1, 2, 3]);
    expect(validateMigrations([])).toEqual([]);
  });

  it.each([
    ['a gap', [m(1), m(3)]],
    ['a repeat', [m(1), m(2), m(2)]],
    ['not starting at 1', [m(2), m(3)]],
    ['a fractional version', [m(1), m(1.5)]],
  ])('throws on %s', (_name, list) => {
    expect(() => validateMigrations(list)).toThrow(/1\.\.N/);
  });

  it('store owns version 1 and creates meta', () => {
    expect(storeMigrations.map((x) => [x.version, x.name])).toEqual([[1, 'store']]);
  });
});
