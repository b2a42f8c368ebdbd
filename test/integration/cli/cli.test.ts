import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const cliEntry = path.join(repo, 'main/cli/index.ts');

let home: string;
let wsDir: string;
let workspace: string;

function env() {
  return { ...process.env, OPSROOM_HOME: home, OPSROOM_DEBUG: '' };
}

function cli(...args: string[]) {
  const r = spawnSync(tsx, [cliEntry, ...args], { cwd: repo, env: env(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-cli-home-'));
  wsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-cli-ws-'));
  workspace = path.join(wsDir, 'ws.sqlite');
});

afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(wsDir, { recursive: true, force: true });
});

describe('opsroom CLI', () => {
  it('calls system.info and prints JSON', () => {
    const r = cli('call', 'system.info', '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ app: 'Opsroom', mode: 'cli', workspacePath: workspace });
  });

  it('passes JSON input to the router', () => {
    const r = cli('call', 'audit.list', '{"limit":5}', '--workspace', workspace);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out.entries)).toBe(true);
    expect(out.entries.length).toBeLessThanOrEqual(5);
  });

  it('exits 2 on unparseable JSON, with a clear message and no stack', () => {
    const r = cli('call', 'audit.list', '{limit:5', '--workspace', workspace);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on an unknown method and on bad input, one line each', () => {
    const unknown = cli('call', 'no.such.method', '--workspace', workspace);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error \(unknown_method\): .*no\.such\.method/);
    const bad = cli('call', 'audit.list', '{"limit":"five"}', '--workspace', workspace);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error \(bad_input\): .*limit/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists methods with --list and explains usage with --help', () => {
    const list = cli('call', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^audit\.verify\s+query\s+Recompute/m);
    expect(list.stdout).toMatch(/workspace\.snapshots\.take\s+mutation/);
    const help = cli('workspace', 'restore', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--latest/);
    const badFlag = cli('call', 'system.info', '--wrokspace', workspace);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/wrokspace/);
  });

  it('takes a snapshot and lists it', () => {
    const take = cli('workspace', 'snapshot', '--label', 'before-test', '--workspace', workspace);
    expect(take.stderr).toBe('');
    expect(take.code).toBe(0);
    const id = /snapshot written: (\S+)/.exec(take.stdout)?.[1];
    expect(id).toBeTruthy();
    const list = cli('workspace', 'snapshots', '--workspace', workspace);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(id!);
    expect(list.stdout).toContain('before-test');
  });

  it('checks the workspace step by step', () => {
    const r = cli('workspace', 'check', '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {4}\S+ {2}/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });

  it('restores the latest snapshot live', () => {
    const r = cli('workspace', 'restore', '--latest', '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^restored \S+; the state before the restore was kept as snapshot \S+/);
    expect(cli('workspace', 'restore', '--workspace', workspace).code).toBe(2);
  });

  it('waits for a job with call --wait', () => {
    const r = cli('call', 'workspace.check', '--wait', '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: expect.any(String), state: 'succeeded' });
  });

  it('refuses a damaged workspace with the open error, then restores it offline and moves the damage aside', () => {
    const damaged = path.join(wsDir, 'damaged.sqlite');
    expect(cli('workspace', 'snapshot', '--workspace', damaged).code).toBe(0);
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 'X'), 0, 100, 0);
    fs.closeSync(fd);

    const check = cli('workspace', 'check', '--workspace', damaged);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^error \(integrity\): .*damaged/);
    expect(check.stderr).not.toMatch(/\n\s+at /);

    const r = cli('workspace', 'restore', '--latest', '--workspace', damaged);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const aside = /moved aside to (\S+)/.exec(r.stdout)?.[1];
    expect(aside).toBeTruthy();
    expect(fs.readFileSync(aside!).subarray(0, 100).toString()).toBe('X'.repeat(100));
    expect(cli('workspace', 'check', '--workspace', damaged).code).toBe(0);
  });

  it('verifies the audit chain, then names the entry a tamperer changed', () => {
    const ok = cli('audit', 'verify', '--workspace', workspace);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^audit chain intact: \d+ entries/);
    expect(Number(/intact: (\d+)/.exec(ok.stdout)?.[1])).toBeGreaterThan(0);

    const db = new Database(workspace);
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    const row = db.prepare('SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1').get() as { seq: number };
    db.prepare("UPDATE audit_log SET target = 'tampered' WHERE seq = ?").run(row.seq);
    db.close();

    const broken = cli('audit', 'verify', '--workspace', workspace);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(new RegExp(`audit chain broken at entry ${row.seq}: `));
  });

  it('serves the UI on loopback, prints one URL line, and exits 0 on SIGTERM', async () => {
    const refused = cli('serve', '--host', '0.0.0.0', '--workspace', workspace);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--allow-remote/);

    const child = spawn(tsx, [cliEntry, 'serve', '--workspace', path.join(wsDir, 'serve.sqlite')], {
      cwd: repo,
      env: env(),
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const m = /^Opsroom is at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/.exec(line);
      expect(m, line).toBeTruthy();
      const port = Number(m![1]);
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/', headers: { Host: `127.0.0.1:${port}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      // 200 with a built renderer, 503 ("run npm run build") without one: either way the server answered.
      expect([200, 503]).toContain(status);
      const rebound = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/', headers: { Host: `evil.example:${port}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(rebound).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
