import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as labRun } from '../../../main/cli/commands/lab';
import { createApp } from '../../../main/app';
import { descendants, isAlive } from '../../../main/lab/registry';

const repo = path.resolve(import.meta.dirname, '../../..');
const fixture = path.join(import.meta.dirname, 'lab-cli-fixture.ts');
let home: string;
/** the command's process, killed in afterAll if a failed assertion left it running */
let child: ChildProcess | undefined;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-lab-cli-'));
});
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  fs.rmSync(home, { recursive: true, force: true });
});

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

describe('opsroom lab (the command)', () => {
  it('--serve: starts the hosts, registers them in a new demo workspace, serves it, and stops everything on SIGTERM', async () => {
    const env = { ...process.env, OPSROOM_HOME: home, OPSROOM_PASSPHRASE: '' };
    const proc = spawn(process.execPath, ['--import', 'tsx', fixture, '--hosts', '1', '--no-prometheus', '--serve'], {
      cwd: repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in 60 s:\n${stdout}\n${stderr}`)), 60_000);
      proc.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /Opsroom is at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.once('exit', () => reject(new Error(`exited early:\n${stdout}\n${stderr}`)));
    });
    const workspace = /^workspace\s+(\S+)$/m.exec(stdout)![1]!;
    expect(path.dirname(workspace)).toBe(path.join(home, 'labs'));
    expect(stdout).toMatch(/^passphrase\s+[\w-]{24}\s/m);
    expect(stdout).toMatch(/^hosts\s+lab-1 {2}ssh -p \d+ opsroomlab@127\.0\.0\.1 {2}host key SHA256:/m);
    expect(stdout).toMatch(/^borg\s+not started/m);
    expect((await fetch(new URL('/', url))).status).toBeLessThan(500);

    const sshd = descendants(proc.pid!).filter((p) => /^sshd: \/usr\/sbin\/sshd /.test(cmdline(p)));
    expect(sshd).toHaveLength(1);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopping the lab');
    expect(sshd.filter(isAlive)).toEqual([]);

    // The workspace stays: a demo one, with the lab host in it.
    const app = createApp({ workspacePath: workspace, logDir: path.join(home, 'logs'), mode: 'cli' });
    try {
      const r = await app.router.call('cmdb.search', { query: { tags: ['lab'] } }, { actor: 't', via: 'cli' });
      expect(r.ok && (r.result as { items: { name: string }[] }).items.map((c) => c.name)).toEqual(['lab-1']);
      expect(app.info.demo).toBe(true);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses a workspace whose vault it cannot open, and bad flags, before starting anything', async () => {
    const locked = path.join(home, 'locked.sqlite');
    const app = createApp({ workspacePath: locked, logDir: path.join(home, 'logs'), mode: 'cli' });
    const init = await app.router.call(
      'vault.init',
      { passphrase: 'someone else’s vault' },
      { actor: 't', via: 'cli' },
    );
    await app.close();
    expect(init.ok).toBe(true);
    const saved = { home: process.env.OPSROOM_HOME, pass: process.env.OPSROOM_PASSPHRASE };
    process.env.OPSROOM_HOME = home;
    delete process.env.OPSROOM_PASSPHRASE;
    try {
      await expect(labRun(['--workspace', locked])).rejects.toThrow(/already has a vault; set OPSROOM_PASSPHRASE/);
      await expect(labRun(['--hosts', '0'])).rejects.toThrow(/--hosts must be a whole number from 1 to 20/);
      await expect(labRun(['--prometheus', '--no-prometheus'])).rejects.toThrow(/contradict/);
    } finally {
      restore('OPSROOM_HOME', saved.home);
      restore('OPSROOM_PASSPHRASE', saved.pass);
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
