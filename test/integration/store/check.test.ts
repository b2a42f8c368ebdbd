import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check } from '../../../main/store/check';
import type { Workspace } from '../../../main/store/workspace';
import { fakeClock, open, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir();
  ws = open(path.join(tmp.dir, 'ws.sqlite'), fakeClock());
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

describe('check', () => {
  it('passes a healthy workspace with quick and full checks', () => {
    for (const full of [false, true]) {
      const steps = check(ws, { full });
      expect(steps.map((s) => s.name)).toEqual([
        full ? 'integrity_check' : 'quick_check',
        'foreign_key_check',
        'schema_version',
      ]);
      expect(steps.every((s) => s.ok)).toBe(true);
    }
  });

  it('reports rows that point at missing parents', () => {
    ws.db.pragma('foreign_keys = OFF');
    ws.db.prepare('INSERT INTO item_tags (item_id, tag) VALUES (99, ?)').run('orphan');
    ws.db.pragma('foreign_keys = ON');
    const fk = check(ws, { full: false }).find((s) => s.name === 'foreign_key_check')!;
    expect(fk.ok).toBe(false);
    expect(fk.message).toContain('item_tags');
  });
});
