import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { silentLogger } from '../../main/applog/types';
import { freePort } from '../../main/lab/ports';
import { get, launch, readLog, terminate, waitFor, type LabProcess } from '../../main/lab/process';
import { createLocalPart } from '../../main/monitoring/local/part';
import { roundValue } from '../../main/monitoring/local/precision';
import { chooseStep } from '../../shared/monitoring/step';
import { allMigrations } from '../../main/schema';
import { SettingsService } from '../../main/settings/service';
import { openWorkspace } from '../../main/store/workspace';
import {
  MONTH_SAMPLES,
  STEP_MS,
  monthOfSeries,
  scrapeBatches,
  type MonthSeries,
} from '../integration/monitoring-local/month-series';
import { millis, ratio, type Row } from './table';

// The workspace's own series beside Prometheus holding the same samples: a
// month of five host series at 15 s (test/integration/monitoring-local), in
// our store scrape by scrape, and backfilled into Prometheus 2.42 with
// `promtool tsdb create-blocks-from openmetrics`. Then the same 7-day
// dashboard query (step from the panel rule at 1000 px) on both.

const exec = promisify(execFile);
const RUNS = 10;
const DAY = 24 * 3600_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const perSample = (bytes: number, n: number) => `${(bytes / n).toFixed(2)} B/sample`;

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

/**
 * Median times of two queries, run in turn so both see the same load on a
 * shared machine; two warm-up runs each first (both then read from the page
 * cache, and our code is compiled).
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 2; i++) {
    await a();
    await b();
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const t0 = performance.now();
      await fn();
      times[k].push(performance.now() - t0);
    }
  }
  return [median(times[0]), median(times[1])];
}

/**
 * promtool 2.42 makes 2-hour blocks and re-reads its whole input for each
 * one; fed one file per 2-hour window it reads every sample once.
 */
async function backfill(series: MonthSeries[], dir: string): Promise<{ ms: number; dataDir: string }> {
  const window = 2 * 3600_000;
  const files = new Map<number, string[]>();
  for (const s of series) {
    const labels = Object.entries(s.labels)
      .filter(([k]) => k !== '__name__')
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    const name = `${s.labels.__name__}{${labels}}`;
    let current = -1;
    let lines: string[] = [];
    s.ts.forEach((t, i) => {
      const w = Math.floor(t / window);
      if (w !== current) {
        current = w;
        if (!files.has(w)) files.set(w, []);
        lines = files.get(w)!;
        lines.push(`# TYPE ${s.labels.__name__} gauge`);
      }
      lines.push(`${name} ${roundValue(s.vs[i])} ${(t / 1000).toFixed(3)}`);
    });
  }
  const inputs = path.join(dir, 'openmetrics');
  const dataDir = path.join(dir, 'prometheus');
  fs.mkdirSync(inputs);
  const paths = [...files].map(([w, lines]) => {
    const p = path.join(inputs, `${w}.om`);
    fs.writeFileSync(p, `${lines.join('\n')}\n# EOF\n`);
    return p;
  });
  const t0 = performance.now();
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      await exec('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '-q', p, dataDir]);
    }
  };
  await Promise.all([worker(), worker()]);
  const ms = performance.now() - t0;
  fs.rmSync(inputs, { recursive: true, force: true });
  return { ms, dataDir };
}

const blocks = (dataDir: string) => fs.readdirSync(dataDir).filter((d) => /^[0-9A-Z]{26}$/.test(d));

async function startPrometheus(dataDir: string, dir: string): Promise<{ url: string; proc: LabProcess; log: string }> {
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const log = path.join(dir, 'prometheus.log');
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = launch(
      '/usr/bin/prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=3650d',
        '--log.level=warn',
      ],
      log,
    );
    const url = `http://127.0.0.1:${port}`;
    if (await waitFor(() => get(`${url}/-/ready`).then((r) => r?.status === 200), proc, 60_000)) {
      return { url, proc, log };
    }
    await terminate(proc);
    if (!/address already in use/i.test(readLog(log)) || attempt >= 4) {
      throw new Error(`Prometheus did not start:\n${readLog(log)}`);
    }
  }
}

/** Prometheus compacts backfilled 2-hour blocks about a minute after it starts; measure what it settles on. */
async function settledBlocks(dataDir: string, before: number): Promise<number> {
  const deadline = Date.now() + 120_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = blocks(dataDir).length;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (n < before && Date.now() - stableSince > 3_000) {
      return n;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

interface PromMatrix {
  data: { result: { values: [number, string][] }[] };
}

async function promRange(url: string, expr: string, start: number, end: number, step: number): Promise<PromMatrix> {
  const q = new URLSearchParams({
    query: expr,
    start: String(start / 1000),
    end: String(end / 1000),
    step: String(step / 1000),
  });
  const res = await fetch(`${url}/api/v1/query_range`, { method: 'POST', body: q });
  if (!res.ok) throw new Error(`Prometheus answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as PromMatrix;
}

export async function benchMonitoringTsdb(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-bench-tsdb-'));
  const series = monthOfSeries();
  const samples = MONTH_SAMPLES * series.length;
  const end = series[0].ts[0] + MONTH_SAMPLES * STEP_MS;
  const clock = { now: () => end };
  let prom: { url: string; proc: LabProcess; log: string } | undefined;
  const ws = openWorkspace({
    path: path.join(dir, 'bench.opsroom'),
    clock,
    logger: silentLogger,
    migrations: allMigrations,
  });
  try {
    const settings = new SettingsService({ db: ws.db, logger: silentLogger, clock });
    settings.update({ 'monitoring.retentionRawDays': 40 });
    const part = createLocalPart({ db: ws.db, clock, settings, logger: silentLogger });

    // ---- ours: one append per scrape, as the collector writes
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.statSync(ws.path).size;
    const t0 = performance.now();
    for (const batch of scrapeBatches(series)) part.sink.append(batch);
    part.store.flush();
    const appendMs = performance.now() - t0;
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const fileGrowth = fs.statSync(ws.path).size - before;
    const chunkBytes = ws.db.prepare('SELECT SUM(length(data)) FROM local_chunks').pluck().get() as number;

    // ---- Prometheus: the same samples, backfilled, then compacted by Prometheus itself
    const filled = await backfill(series, dir);
    const backfilledBlocks = blocks(filled.dataDir).length;
    prom = await startPrometheus(filled.dataDir, dir);
    const settled = await settledBlocks(filled.dataDir, backfilledBlocks);
    const promBytes = blocks(filled.dataDir).reduce((n, b) => n + dirBytes(path.join(filled.dataDir, b)), 0);

    // ---- the 7-day dashboard query, step from the panel rule at 1000 px
    const choice = chooseStep({ startMs: end - 7 * DAY, endMs: end, widthPx: 1000 });
    const [start, stop, step] = [choice.startSec * 1000, choice.endSec * 1000, choice.stepSec * 1000];
    const dash = 'avg({host="web-1"})';
    const promUrl = prom.url;
    const [oursDash, promDash] = await timePair(
      () => part.engine.range(dash, start, stop, step),
      () => promRange(promUrl, dash, start, stop, step),
    );
    // Raw resolution: one series, its last day at 15 s.
    const rawExpr = 'host_cpu_usage_percent{host="web-1"}';
    const rawStart = Math.floor((end - DAY) / STEP_MS) * STEP_MS;
    const [oursRaw, promRaw] = await timePair(
      () => part.engine.range(rawExpr, rawStart, end, STEP_MS),
      () => promRange(promUrl, rawExpr, rawStart, end, STEP_MS),
    );

    // Both must say the same thing: the load average's 10-minute means over the week.
    const check = `avg_over_time(host_load1[${choice.stepSec}s])`;
    const ours = (await part.engine.range(check, start, stop, step)).series[0].v;
    const theirs = (await promRange(promUrl, check, start, stop, step)).data.result[0].values;
    let worst = 0;
    theirs.forEach(([t, v]) => {
      const i = Math.round((t * 1000 - start) / step);
      worst = Math.max(worst, Math.abs(ours[i] - Number(v)) / Math.max(Math.abs(Number(v)), 1e-9));
    });

    await part.close?.();
    return [
      { name: 'samples (5 host series × 30 days at 15 s)', value: samples.toLocaleString('en-US') },
      {
        name: 'ours: chunk bytes',
        value: perSample(chunkBytes, samples),
        vs: `${ratio(chunkBytes, promBytes)} Prometheus's blocks`,
      },
      {
        name: 'ours: workspace file growth',
        value: perSample(fileGrowth, samples),
        vs: `${ratio(fileGrowth, promBytes)} Prometheus's blocks (series, index, hourly rollups, heads included)`,
      },
      {
        name: 'Prometheus 2.42: block directories',
        value: perSample(promBytes, samples),
        vs: `${backfilledBlocks} backfilled 2 h blocks compacted into ${settled}`,
      },
      {
        name: 'ours: append, one call per scrape',
        value: millis(appendMs),
        vs: `${Math.round((samples / appendMs) * 1000).toLocaleString('en-US')} samples/s`,
      },
      { name: 'Prometheus: promtool backfill', value: millis(filled.ms), vs: 'one file per 2 h block, 2 at a time' },
      {
        name: `ours: 7-day ${dash}, step ${choice.stepSec}s (median of ${RUNS})`,
        value: millis(oursDash),
        vs: `${ratio(oursDash, promDash)} Prometheus (goal ≤ 2×; in-process beside HTTP + JSON)`,
      },
      { name: `Prometheus: same query_range`, value: millis(promDash) },
      {
        name: `ours: 1 day of one series at 15 s (raw)`,
        value: millis(oursRaw),
        vs: `${ratio(oursRaw, promRaw)} Prometheus`,
      },
      { name: 'Prometheus: same query_range', value: millis(promRaw) },
      {
        name: 'agreement: 10-min means of load1, 7 days',
        value: `${(worst * 100).toFixed(3)} %`,
        vs: 'largest relative difference, ours beside Prometheus',
      },
    ];
  } finally {
    await terminate(prom?.proc);
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
