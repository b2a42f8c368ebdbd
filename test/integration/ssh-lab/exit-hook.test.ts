import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, run } from '../../support/sshd-registry';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('sshd lab exit hook', () => {
  it('a test process that exits without stopping anything leaves no sshd, agent, namespace or temp dir', () => {
    const out = execFileSync(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      [path.join(import.meta.dirname, 'leak-fixture.ts')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    const { pids, ns, dir } = JSON.parse(out.trim()) as { pids: number[]; ns: string[]; dir: string };
    expect(pids).toHaveLength(3);
    expect(pids.filter(isAlive)).toEqual([]);
    const list = run('ip', ['netns', 'list']);
    for (const n of ns) expect(list).not.toContain(n);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
