// The Prometheus lab: a real node_exporter and a real Prometheus (Debian's
// prometheus 2.42 and prometheus-node-exporter 1.5) on free 127.0.0.1 ports,
// Prometheus scraping node_exporter and itself every second.
//
// API (kept stable; `opsroom lab`, the alerts and e2e tests use it):
//
//   const lab = await startPrometheusLab();        // resolves once both targets were scraped (`up` == 1)
//   lab.promUrl               'http://127.0.0.1:PORT'  (no trailing slash)
//   lab.nodeExporterUrl       'http://127.0.0.1:PORT'
//   lab.nodeExporterInstance  '127.0.0.1:PORT'  — the `instance` label of node_exporter's series
//   lab.jobs                  { node: 'node', prometheus: 'prometheus' } — the `job` labels
//   await lab.stopPrometheus()   // Prometheus gone (connection refused); node_exporter keeps running
//   await lab.startPrometheus()  // back on the same port with the same data dir; resolves after a fresh scrape
//   await lab.stop()             // everything stopped, temp dir removed (call it in afterAll)
//   lab.logs()                   // Prometheus's and node_exporter's logs so far (for failure messages)
//
// Options: scrapeIntervalSec (default 1), enableLifecycle (adds --web.enable-lifecycle),
// extraScrapeJobs ([{ job, targets: ['127.0.0.1:PORT'] }]) for more scraped endpoints.
// Processes are registered with the lab's exit hook (registry.ts), so a crashed run leaves none behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { get, launch, readLog, running, terminate, waitFor, type LabProcess } from './process';
import { trackDir } from './registry';

const PROMETHEUS = '/usr/bin/prometheus';
const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
const READY_TIMEOUT_MS = 45_000;

export interface PrometheusLabOptions {
  scrapeIntervalSec?: number;
  enableLifecycle?: boolean;
  extraScrapeJobs?: { job: string; targets: string[] }[];
}

export interface PrometheusLab {
  promUrl: string;
  promPort: number;
  nodeExporterUrl: string;
  nodeExporterInstance: string;
  jobs: { node: string; prometheus: string };
  dataDir: string;
  stopPrometheus(): Promise<void>;
  startPrometheus(): Promise<void>;
  stop(): Promise<void>;
  logs(): string;
  /** pids of the running processes (Prometheus absent while stopped) */
  pids(): number[];
}

// Collectors that only add noise or slow scrapes on a lab machine (hardware,
// exotic filesystems, systemd which is not running here).
const quietCollectors = [
  'systemd',
  'hwmon',
  'thermal_zone',
  'rapl',
  'btrfs',
  'zfs',
  'xfs',
  'nfs',
  'nfsd',
  'infiniband',
  'bcache',
  'mdadm',
  'ipvs',
  'edac',
  'fibrechannel',
  'tapestats',
  'nvme',
  'powersupplyclass',
  'cpufreq',
  'arp',
];

/** Starts node_exporter and Prometheus; see the top of this file. */
export async function startPrometheusLab(opts: PrometheusLabOptions = {}): Promise<PrometheusLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-promlab-'));
  trackDir(dir);
  const dataDir = path.join(dir, 'data');
  const configPath = path.join(dir, 'prometheus.yml');
  const promLog = path.join(dir, 'prometheus.log');
  const nodeLog = path.join(dir, 'node_exporter.log');
  const interval = opts.scrapeIntervalSec ?? 1;
  let node: LabProcess | undefined;
  let prom: LabProcess | undefined;
  let promPort = 0;
  let nodePort = 0;

  const logs = () => `--- prometheus.log\n${readLog(promLog)}\n--- node_exporter.log\n${readLog(nodeLog)}`;

  const startNode = async () => {
    for (let attempt = 0; ; attempt++) {
      nodePort = await freePort();
      const args = [
        `--web.listen-address=127.0.0.1:${nodePort}`,
        ...quietCollectors.map((c) => `--no-collector.${c}`),
        '--log.level=warn',
      ];
      node = launch(NODE_EXPORTER, args, nodeLog);
      if (
        await waitFor(
          () => get(`http://127.0.0.1:${nodePort}/metrics`).then((r) => r?.status === 200),
          node,
          READY_TIMEOUT_MS,
        )
      )
        return;
      const busy = /address already in use/i.test(readLog(nodeLog));
      await terminate(node);
      if (!busy || attempt >= 4) throw new Error(`node_exporter did not start:\n${logs()}`);
    }
  };

  const writeConfig = () => {
    const job = (name: string, targets: string[]) =>
      `  - job_name: ${JSON.stringify(name)}\n    static_configs:\n      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]\n`;
    const yml =
      `global:\n  scrape_interval: ${interval}s\n  scrape_timeout: ${interval}s\n  evaluation_interval: ${interval}s\n` +
      'scrape_configs:\n' +
      job('node', [`127.0.0.1:${nodePort}`]) +
      job('prometheus', [`127.0.0.1:${promPort}`]) +
      (opts.extraScrapeJobs ?? []).map((j) => job(j.job, j.targets)).join('');
    fs.writeFileSync(configPath, yml);
  };

  /** Ready, and both lab targets scraped at or after `sinceSec` with up == 1. */
  const promHealthy = async (sinceSec: number): Promise<boolean> => {
    const ready = await get(`http://127.0.0.1:${promPort}/-/ready`);
    if (ready?.status !== 200) return false;
    const q = encodeURIComponent(`timestamp(up{job=~"node|prometheus"} == 1) >= ${sinceSec}`);
    const r = await get(`http://127.0.0.1:${promPort}/api/v1/query?query=${q}`);
    if (r?.status !== 200) return false;
    const body = JSON.parse(r.text) as { data?: { result?: unknown[] } };
    return (body.data?.result?.length ?? 0) >= 2;
  };

  const spawnProm = async (fixedPort: boolean) => {
    for (let attempt = 0; ; attempt++) {
      if (!fixedPort) promPort = await freePort();
      writeConfig();
      const since = Date.now() / 1000;
      const args = [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--storage.tsdb.retention.time=1d',
        '--log.level=warn',
        ...(opts.enableLifecycle ? ['--web.enable-lifecycle'] : []),
      ];
      fs.appendFileSync(promLog, `\n=== start ${new Date().toISOString()} port ${promPort}\n`);
      prom = launch(PROMETHEUS, args, promLog);
      if (await waitFor(() => promHealthy(since), prom, READY_TIMEOUT_MS)) return;
      const busy = /address already in use/i.test(readLog(promLog).split('=== start').pop() ?? '');
      await terminate(prom);
      if (fixedPort || !busy || attempt >= 4) throw new Error(`Prometheus did not become ready:\n${logs()}`);
    }
  };

  try {
    await startNode();
    await spawnProm(false);
  } catch (e) {
    await terminate(prom);
    await terminate(node);
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    promUrl: `http://127.0.0.1:${promPort}`,
    promPort,
    nodeExporterUrl: `http://127.0.0.1:${nodePort}`,
    nodeExporterInstance: `127.0.0.1:${nodePort}`,
    jobs: { node: 'node', prometheus: 'prometheus' },
    dataDir,
    logs,
    pids: () => [node, prom].filter(running).map((p) => p!.child.pid!),
    async stopPrometheus() {
      await terminate(prom);
    },
    async startPrometheus() {
      if (running(prom)) return;
      await spawnProm(true);
    },
    async stop() {
      await terminate(prom);
      await terminate(node);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
