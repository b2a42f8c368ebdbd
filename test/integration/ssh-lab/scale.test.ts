import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureLabUser,
  generateKeyPair,
  runSsh,
  sshClientArgs,
  startSshd,
  writeKnownHosts,
  type LabKeyPair,
  type LabSshd,
} from '../../support/sshd-lab';

// Figures for the later `npm run bench` (50 hosts) and proof that logins as
// the lab user run in parallel: as root, ~/.bashrc's `pyenv init` made 100
// concurrent logins take 60 s instead of ~3 s.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-scaletest-'));
let key: LabKeyPair;
const servers: LabSshd[] = [];

beforeAll(() => {
  key = generateKeyPair({ type: 'ed25519' });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('sshd lab at bench scale', () => {
  it('starts 50 sshd, on distinct loopback addresses, and each answers', async () => {
    const t0 = performance.now();
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        startSshd({ authorizedKeys: [key.publicKey], listenAddress: `127.0.0.${10 + i}` }),
      ),
    );
    const ms = performance.now() - t0;
    servers.push(...started);
    console.log(`[ssh-lab] 50 sshd started in ${ms.toFixed(0)} ms`);
    expect(new Set(started.map((s) => `${s.address}:${s.port}`)).size).toBe(50);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);

  it('100 concurrent logins spread over the 50 hosts run in parallel, not one after another', async () => {
    expect(servers).toHaveLength(50);
    const { home } = ensureLabUser();
    expect(fs.readFileSync(path.join(home, '.bashrc'), 'utf8')).toBe(''); // no pyenv init to queue on
    const kh = writeKnownHosts(path.join(tmp, 'kh'), servers, { hash: true });
    const args = sshClientArgs({ identityFile: key.path, knownHostsFile: kh });
    const one = await runSsh([...args, '-p', String(servers[0].port), `opsroomlab@${servers[0].address}`, 'uname -n']);
    expect(one.code).toBe(0);

    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const s = servers[i % 50];
        // Each session reports when it ran on the server, so overlap is measured, not inferred.
        return runSsh([
          ...args,
          '-p',
          String(s.port),
          `opsroomlab@${s.address}`,
          'a=$(date +%s.%N); sleep 1; echo $a $(date +%s.%N)',
        ]);
      }),
    );
    const ms = performance.now() - t0;
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const spans = results.map((r) => r.stdout.trim().split(' ').map(Number));
    const overlap = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
    console.log(
      `[ssh-lab] 100 concurrent logins (each sleeps 1 s) over 50 sshd: ${ms.toFixed(0)} ms wall; ` +
        `one login alone ${one.ms.toFixed(0)} ms; up to ${overlap} sessions ran at once`,
    );
    // Serialised sessions would take over 100 s and never overlap.
    expect(overlap).toBeGreaterThanOrEqual(10);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('100 concurrent logins to ONE sshd (MaxStartups 200) all succeed', async () => {
    const s = servers[0];
    const kh = writeKnownHosts(path.join(tmp, 'kh1'), [s]);
    const args = sshClientArgs({ identityFile: key.path, knownHostsFile: kh });
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => runSsh([...args, '-p', String(s.port), `opsroomlab@${s.address}`, 'true'])),
    );
    const ms = performance.now() - t0;
    console.log(`[ssh-lab] 100 concurrent logins to one sshd: ${ms.toFixed(0)} ms wall`);
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
  }, 120_000);
});
