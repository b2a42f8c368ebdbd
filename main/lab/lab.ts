import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshHosts, type SshHosts } from './hosts';
import { startLogFeed, type LogFeed } from './log-feed';
import { startPrometheusLab, type PrometheusLab } from './prometheus';
import { trackDir } from './registry';

export interface LabOptions {
  /** number of sshd hosts (default 3) */
  hosts?: number;
  /** start node_exporter and Prometheus (default true) */
  prometheus?: boolean;
  /** Prometheus scrape interval (default 5 s) */
  scrapeIntervalSec?: number;
  /** how often each host's log file gets a line (default 5 s) */
  logIntervalMs?: number;
}

export interface Lab {
  /** CI names of the hosts, in the order of ssh.servers: lab-1, lab-2, … */
  hostNames: string[];
  ssh: SshHosts;
  prometheus: PrometheusLab | null;
  logs: LogFeed;
  /** the processes the lab started (sshd listeners, node_exporter, Prometheus), to check they are gone */
  pids(): number[];
  /** stops every process and removes the lab's temp dirs (idempotent) */
  stop(): Promise<void>;
}

export const LAB_MAX_HOSTS = 20;

/**
 * Starts the lab: N real sshd on 127.0.0.1 (each its own port and host key,
 * one client key for all), node_exporter with a Prometheus scraping it, and
 * a log file per host that grows every few seconds. Nothing is registered
 * anywhere yet (registerLab does that); stop() undoes everything.
 */
export async function startLab(o: LabOptions = {}): Promise<Lab> {
  const count = o.hosts ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > LAB_MAX_HOSTS)
    throw new RangeError(`A lab has 1 to ${LAB_MAX_HOSTS} hosts, not ${count}.`);
  const hostNames = Array.from({ length: count }, (_, i) => `lab-${i + 1}`);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-lab-logs-'));
  trackDir(logDir);
  fs.chmodSync(logDir, 0o755); // the lab login user reads the log files over SSH

  let ssh: SshHosts | undefined;
  let prometheus: PrometheusLab | null = null;
  let logs: LogFeed | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    logs?.stop();
    await Promise.all([ssh?.stop(), prometheus?.stop()]);
    // startPrometheusLab removes its own dir; the key's and each sshd's are ours to remove.
    const dirs = [logDir, ...(ssh ? [path.dirname(ssh.key.path), ...ssh.servers.map((s) => s.dir)] : [])];
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  };
  try {
    ssh = await startSshHosts(count, { keyComment: 'opsroom-lab' });
    if (o.prometheus ?? true) prometheus = await startPrometheusLab({ scrapeIntervalSec: o.scrapeIntervalSec ?? 5 });
    logs = startLogFeed(logDir, hostNames, o.logIntervalMs ?? 5_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const started = { ssh, logs };
  return {
    hostNames,
    ssh: started.ssh,
    prometheus,
    logs: started.logs,
    pids: () => [...started.ssh.servers.map((s) => s.pid), ...(prometheus?.pids() ?? [])],
    stop,
  };
}
