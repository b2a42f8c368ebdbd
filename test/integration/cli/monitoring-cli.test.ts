import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import type { RangeQueryResult } from '../../../shared/api/monitoring-query';
import { startPrometheusLab, type PrometheusLab } from '../../support/prometheus-lab';
import { memTotalBytes } from '../../unit/monitoring-prom/fixture';

// `opsroom metrics query`, `alerts list` and `logs search` as a person runs them:
// the real CLI entry in its own process, its exit code, stdout and stderr.
const repo = path.resolve(__dirname, '../../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const cliEntry = path.join(repo, 'main/cli/index.ts');

let lab: PrometheusLab;
let home: string;
let workspace: string;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [cliEntry, ...args], {
      cwd: repo,
      env: { ...process.env, OPSROOM_HOME: home, OPSROOM_DEBUG: '', OPSROOM_PASSPHRASE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-moncli-'));
  workspace = path.join(home, 'fresh.sqlite');
  lab = await startPrometheusLab();
}, 120_000);

afterAll(async () => {
  await lab?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('opsroom metrics query (spawned) against a real Prometheus by bare URL', () => {
  it("prints the step line and this machine's MemTotal as last, min and max; exit 0", async () => {
    const expr = `node_memory_MemTotal_bytes{instance="${lab.nodeExporterInstance}"}`;
    const r = await cli('metrics', 'query', expr, '--datasource', lab.promUrl, '--range', '5m');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\S+Z to \S+Z, step 1s, 1 series, \d+ points$/);
    expect(lines[1]).toMatch(/^SERIES\s+POINTS\s+LAST\s+MIN\s+MAX$/);
    const mem = memTotalBytes();
    const row = lines.slice(2).find((l) => l.startsWith('node_memory_MemTotal_bytes{'));
    expect(row, r.stdout).toBeDefined();
    expect(row!.trim().split(/\s+/).slice(-3)).toEqual([String(mem), String(mem), String(mem)]);
  }, 60_000);

  it('--json is the range result, step-aligned', async () => {
    const r = await cli('metrics', 'query', 'up', '--datasource', lab.promUrl, '--range', '10m', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as RangeQueryResult;
    expect(res.from % res.stepMs).toBe(0);
    expect(res.to % res.stepMs).toBe(0);
    expect(res.series.map((s) => s.labels.job).sort()).toEqual([lab.jobs.node, lab.jobs.prometheus].sort());
  }, 60_000);

  it('a bad PromQL query exits 1 with the Prometheus error sentence on stderr and nothing on stdout', async () => {
    const r = await cli('metrics', 'query', 'rate(x[5m]', '--datasource', lab.promUrl);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error (bad_input): Prometheus at ${lab.promUrl}: 1:11: parse error: unclosed left parenthesis\n`,
    );
  }, 60_000);
});

describe('opsroom alerts list and logs search (spawned) on a fresh workspace', () => {
  it('alerts list: nothing firing, exit 0; --json and --all --json have the documented shape', async () => {
    const text = await cli('alerts', 'list', '--workspace', workspace);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('no alerts firing or pending\n');

    const json = await cli('alerts', 'list', '--json', '--workspace', workspace);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ alerts: [] satisfies AlertInstance[] });

    const all = await cli('alerts', 'list', '--all', '--json', '--workspace', workspace);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual({ alerts: [], rules: [] satisfies AlertRule[] });
  }, 60_000);

  it('logs search: no lines, exit 0; --json is {entries, total, tookMs}', async () => {
    const text = await cli(
      'logs',
      'search',
      'error',
      '--host',
      'web-01',
      '--since',
      'now-1h',
      '--workspace',
      workspace,
    );
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('no log lines match\n');

    const json = await cli('logs', 'search', 'error', '--json', '--workspace', workspace);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { entries: LogEntry[]; total: number; tookMs: number };
    expect(Object.keys(r).sort()).toEqual(['entries', 'tookMs', 'total']);
    expect(r.entries).toEqual([]);
    expect(r.total).toBe(0);
    expect(r.tookMs).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('a bad flag value exits 2 and names the flag', async () => {
    const r = await cli('logs', 'search', '--limit', '0', '--workspace', workspace);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --limit takes a whole number from 1 to 5000.\n');
  }, 60_000);
});
