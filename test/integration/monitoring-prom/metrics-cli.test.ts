import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsCommands } from '../../../main/cli/commands/metrics';
import type { RangeQueryResult } from '../../../shared/api/monitoring-query';
import { startPrometheusLab, type PrometheusLab } from '../../support/prometheus-lab';
import { openApp } from './app-fixture';
import { failure, memTotalBytes } from '../../unit/monitoring-prom/fixture';

let lab: PrometheusLab;
let home: string;
let workspace: string;
const homeBefore = process.env.OPSROOM_HOME;

/** `opsroom metrics query ARGS` in this process; index.ts turns a thrown OpsError into exit 1 and one line. */
async function cli(...args: string[]) {
  const io = { stdout: [] as string[], stderr: [] as string[] };
  const code = await metricsCommands.query.run(args, {
    out: (l) => io.stdout.push(l),
    err: (l) => io.stderr.push(l),
  });
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

beforeAll(async () => {
  lab = await startPrometheusLab();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-metrics-cli-'));
  process.env.OPSROOM_HOME = home;
  const f = openApp(home);
  workspace = f.workspacePath;
  await f.call('monitoring.datasources.save', { name: 'Lab', url: lab.promUrl });
  await f.close();
}, 120_000);

afterAll(async () => {
  if (homeBefore === undefined) delete process.env.OPSROOM_HOME;
  else process.env.OPSROOM_HOME = homeBefore;
  await lab?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('opsroom metrics query against a real Prometheus', () => {
  it('queries a bare URL and prints one row per series with last/min/max', async () => {
    const expr = `node_memory_MemTotal_bytes{instance="${lab.nodeExporterInstance}"}`;
    const r = await cli(expr, '--datasource', lab.promUrl, '--range', '5m');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // 5 min for 1,000 columns: the 1 s floor of the step rule.
    expect(lines[0]).toMatch(/^\S+Z to \S+Z, step 1s, 1 series, \d+ points$/);
    expect(lines[1]).toMatch(/^SERIES\s+POINTS\s+LAST\s+MIN\s+MAX$/);
    const mem = String(memTotalBytes());
    expect(lines[3]).toMatch(
      new RegExp(
        `^node_memory_MemTotal_bytes\\{instance="${lab.nodeExporterInstance}", job="node"\\}\\s+\\d+\\s+${mem}\\s+${mem}\\s+${mem}$`,
      ),
    );
  });

  it('--json prints the range result of a saved datasource, by name, with --step as the min interval', async () => {
    const r = await cli(
      'up',
      '--datasource',
      'lab',
      '--from',
      'now-10m',
      '--to',
      'now',
      '--step',
      '15s',
      '--json',
      '--workspace',
      workspace,
    );
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as RangeQueryResult;
    expect(res.stepMs).toBe(15_000);
    expect(res.from % 15_000).toBe(0);
    expect(res.to % 15_000).toBe(0);
    expect(res.series.map((s) => s.labels.job).sort()).toEqual(['node', 'prometheus']);
  });

  it('a bad query fails with the Prometheus error sentence', async () => {
    const e = await failure(cli('rate(x[5m]', '--datasource', lab.promUrl));
    expect(e.code).toBe('bad_input');
    expect(e.message).toBe(`Prometheus at ${lab.promUrl}: 1:11: parse error: unclosed left parenthesis`);
  });

  it('an unknown name lists the saved ones; an unreachable URL says so', async () => {
    const e = await failure(cli('up', '--datasource', 'nope', '--workspace', workspace));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('There is no datasource named "nope" (saved: Lab); give a saved name or an http(s):// URL.');
    await lab.stopPrometheus();
    try {
      const down = await failure(cli('up', '--datasource', lab.promUrl));
      expect(down.code).toBe('unavailable');
      expect(down.message).toMatch(
        new RegExp(`^Prometheus at ${lab.promUrl} refused the connection: is Prometheus running there\\?`),
      );
    } finally {
      await lab.startPrometheus();
    }
  });

  it('prints its help', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: opsroom metrics query EXPR/);
  });
});
