import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../main/app';
import type { Clock } from '../../../main/clock';
import { startDemoFeed } from '../../../main/demo/demo-feed';
import { demoHosts, type DemoHost } from '../../../main/demo/demo-hosts';
import { demoStory, hostWrites, type DemoWrite } from '../../../main/demo/demo-series';
import { usageModes } from '../../../main/monitoring/collect/cpu-usage';
import { collectorMetrics } from '../../../main/monitoring/collector/metrics';
import { LineStore } from '../../../main/monitoring/logs/lines';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { CollectorTarget } from '../../../shared/api/monitoring-collector';
import type { AlertEvent, AlertInstance, AlertRule, Silence } from '../../../shared/api/monitoring-alerts';
import type { Dashboard } from '../../../shared/api/monitoring-dashboards';
import type { LogEntry, LogSource } from '../../../shared/api/monitoring-logs';
import type { RangeQueryResult } from '../../../shared/api/monitoring-query';

const NOW = Date.parse('2026-11-27T15:00:00Z');
/** The app's clock; the demo feed test moves it on. */
const clock: Clock & { t: number } = { t: NOW, now: () => clock.t };
const DAY = 24 * 60 * 60_000;
const local = { kind: 'local' } as const;

let dir: string;
let file: string;
let app: App;
let hosts: Ci[];
let seededIn: { createAppMs: number; settledMs: number };

function caller(a: App) {
  return async <T>(method: string, input?: unknown): Promise<T> => {
    const r = await a.router.call(method, input, { actor: 'tester', via: 'internal' });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result as T;
  };
}
let call: ReturnType<typeof caller>;

const open = () => createApp({ workspacePath: file, logDir: path.join(dir, 'logs'), mode: 'cli', demo: true, clock });
const firing = async () =>
  (await call<AlertInstance[]>('monitoring.alerts.active')).filter((a) => a.state === 'firing');

describe('a new demo workspace (createApp with demo: true)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-demo-monitoring-'));
    file = path.join(dir, 'demo.opsroom');
    const t0 = performance.now();
    app = open();
    const createAppMs = performance.now() - t0;
    call = caller(app);
    // The alert replay finishes after createApp returns (it awaits the engine); it is the seed's last step.
    await vi.waitFor(
      async () =>
        expect(
          await firing(),
          'no firing alert: does createApp call seedMonitoring for a new demo workspace?',
        ).not.toHaveLength(0),
      { timeout: 60_000, interval: 20 },
    );
    seededIn = { createAppMs, settledMs: performance.now() - t0 };
    hosts = app.services.cmdb.cis.all().filter((c) => c.type === 'host');
    console.log(
      `demo seed: ${hosts.length} hosts; createApp returned after ${seededIn.createAppMs.toFixed(0)} ms ` +
        `(series, dashboard, logs), alerts replayed by ${seededIn.settledMs.toFixed(0)} ms`,
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the demo workspace shows monitoring with data, offline', () => {
    it('has a day of host_memory_total_bytes for every demo host CI', async () => {
      expect(hosts.length).toBeGreaterThan(10);
      const r = await call<RangeQueryResult>('monitoring.query.range', {
        source: local,
        expr: 'host_memory_total_bytes',
        range: { from: 'now-24h', to: 'now' },
        widthPx: 1440,
        downsample: 'none',
      });
      expect(r.series.map((s) => s.labels.ci).sort()).toEqual(hosts.map((h) => h.id).sort());
      for (const s of r.series) {
        expect(s.labels.host).toBe(hosts.find((h) => h.id === s.labels.ci)!.name);
        const values = s.v.filter((v): v is number => v !== null);
        // Every one-minute step of the day has a value (the lookback bridges a scrape's few seconds' offset)...
        expect(values.length).toBeGreaterThan(r.series[0]!.t.length - 10);
        // ...and it is a believable MemTotal: whole KiB, 2–64 GiB.
        expect(values[0]! % 1024).toBe(0);
        expect(values[0]!).toBeGreaterThan(2 * 1024 ** 3);
        expect(values[0]!).toBeLessThan(65 * 1024 ** 3);
      }
    });

    it('uses exactly the collector’s metric names and labels', async () => {
      const names = await call<string[]>('monitoring.labels.values', { source: local, label: '__name__' });
      const known = new Map(collectorMetrics.map((m) => [m.name, m]));
      expect(names.filter((n) => !known.has(n))).toEqual([]);
      for (const n of [
        'host_up',
        'host_cpu_usage_percent',
        'host_memory_available_bytes',
        'host_load1',
        'host_disk_read_bytes_per_second',
        'host_network_transmit_bytes_per_second',
        'host_filesystem_used_percent',
      ]) {
        expect(names).toContain(n);
      }
      for (const n of names) {
        const labels = await call<string[]>('monitoring.labels.names', { source: local, match: n });
        expect(labels, n).toEqual(['__name__', 'ci', 'host', ...known.get(n)!.labels].sort());
      }
      const modes = await call<string[]>('monitoring.labels.values', {
        source: local,
        label: 'mode',
        match: 'host_cpu_usage_percent',
      });
      expect(modes).toEqual([...usageModes].sort());
    });

    it('has CPU modes that sum to 100 on every host', async () => {
      const r = await call<{ samples: { labels: Record<string, string>; value: number }[] }>(
        'monitoring.query.instant',
        {
          source: local,
          expr: 'sum by (host) (host_cpu_usage_percent)',
        },
      );
      expect(r.samples).toHaveLength(hosts.length);
      for (const s of r.samples) expect(s.value, s.labels.host).toBeCloseTo(100, 2);
    });

    it('has the Fleet overview dashboard, whose every panel query returns series', async () => {
      const list = await call<{ id: string; title: string }[]>('monitoring.dashboards.list');
      const fleet = list.filter((d) => d.title === 'Fleet overview');
      expect(fleet).toHaveLength(1);
      const d = await call<Dashboard>('monitoring.dashboards.get', { id: fleet[0]!.id });
      expect(d.source).toEqual(local);
      expect(new Set(d.panels.map((p) => p.type))).toEqual(new Set(['timeseries', 'stat', 'gauge', 'table']));
      for (const p of d.panels) {
        for (const q of p.queries) {
          const r = await call<RangeQueryResult>('monitoring.query.range', {
            source: local,
            expr: q.expr,
            range: d.range,
            widthPx: 600,
          });
          expect(r.series.length, `${p.title}: ${q.expr}`).toBeGreaterThan(0);
        }
      }
    });

    it('has a firing filesystem alert, and a silenced CPU episode in the history', async () => {
      const now = await firing();
      expect(now).toHaveLength(1);
      expect(now[0]).toMatchObject({ ruleName: 'Filesystem almost full', labels: { host: 'backup-01.fra1' } });
      expect(now[0]!.value!).toBeGreaterThan(90);
      expect(now[0]!.annotations.summary).toMatch(/^\/srv\/restic on backup-01\.fra1 is 9\d\.\d% full$/);

      const rules = await call<AlertRule[]>('monitoring.alerts.rules.list');
      expect(rules.map((r) => [r.name, r.expr, r.op, r.threshold, r.forMs, r.lastError]).sort()).toEqual([
        ['Filesystem almost full', 'host_filesystem_used_percent', '>', 90, 300_000, null],
        ['High CPU', '100 - host_cpu_usage_percent{mode="idle"}', '>', 85, 600_000, null],
      ]);

      const history = (await call<AlertEvent[]>('monitoring.alerts.history', {})).reverse();
      const cpu = history.filter((e) => e.ruleName === 'High CPU');
      expect(cpu.map((e) => `${e.from}>${e.to}`)).toEqual(['inactive>pending', 'pending>firing', 'firing>resolved']);
      expect(cpu.every((e) => e.silenced && e.labels.host === 'backup-01.fra1')).toBe(true);
      expect(cpu[1]!.at - cpu[0]!.at).toBe(10 * 60_000);
      const fs = history.filter((e) => e.ruleName === 'Filesystem almost full');
      expect(fs.map((e) => `${e.from}>${e.to}`)).toEqual(['inactive>pending', 'pending>firing']);
      expect(fs.every((e) => e.at <= NOW)).toBe(true);

      const silences = await call<Silence[]>('monitoring.silences.list');
      expect(silences).toHaveLength(1);
      expect(silences[0]).toMatchObject({ state: 'expired', createdBy: 'demo' });
      expect(silences[0]!.comment).toMatch(/restic check/);
    });

    it('has journal lines that Host logs search finds', async () => {
      const r = await call<{ entries: LogEntry[]; total: number }>('monitoring.logs.search', {
        query: 'repository locked',
        hosts: ['backup-01.fra1'],
      });
      expect(r.total).toBe(1);
      expect(r.entries[0]).toMatchObject({ unit: 'restic-prune.service', level: 'err', host: 'backup-01.fra1' });
      expect(r.entries[0]!.time).toBeLessThan(NOW);
      const all = await call<{ total: number }>('monitoring.logs.search', { since: 'now-24h' });
      expect(all.total).toBeGreaterThan(20);
    });

    it('never tries to reach the demo hosts: log sources and the collector stay off', async () => {
      const sources = await call<LogSource[]>('monitoring.logs.sources.list');
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.every((s) => !s.enabled && s.lastPullAt === null && s.lines > 0)).toBe(true);
      const targets = await call<CollectorTarget[]>('monitoring.collector.list');
      expect(targets.filter((t) => t.enabled)).toEqual([]);
    });

    it('does not seed again when the demo workspace is opened again', async () => {
      const stats = async () => {
        const s = await call<{ series: number; samples: number }>('monitoring.local.stats');
        const dashboards = await call<unknown[]>('monitoring.dashboards.list');
        const rules = await call<unknown[]>('monitoring.alerts.rules.list');
        const events = await call<unknown[]>('monitoring.alerts.history', {});
        const lines = await call<{ total: number }>('monitoring.logs.search', {});
        const sources = await call<unknown[]>('monitoring.logs.sources.list');
        return [s.series, s.samples, dashboards.length, rules.length, events.length, lines.total, sources.length];
      };
      const before = await stats();
      await app.close();
      app = open();
      call = caller(app);
      await new Promise((r) => setTimeout(r, 50));
      expect(await stats()).toEqual(before);
    });
  });

  describe('the demo feed', () => {
    it('keeps the series going while the app runs, so the firing alert stays firing', async () => {
      const s = app.services;
      const feed = startDemoFeed(
        { workspace: s.workspace, clock, logger: s.logger, cmdb: s.cmdb, monitoring: s.monitoring },
        { everyMs: 3_600_000 },
      );
      try {
        const samples = async () => (await call<{ samples: number }>('monitoring.local.stats')).samples;
        await feed.tick();
        const before = await samples();
        clock.t += 10 * 60_000;
        await feed.tick();
        const after = await samples();
        // About ten scrapes of every series of every host (the first without rates, as after a restart).
        expect(after - before).toBeGreaterThan(hosts.length * 9 * 20);
        expect(after - before).toBeLessThan(hosts.length * 11 * 30);
        await feed.tick();
        expect(await samples()).toBe(after);

        const up = await call<{ samples: { value: number }[] }>('monitoring.query.instant', {
          source: local,
          expr: 'host_up == 1',
        });
        expect(up.samples).toHaveLength(hosts.length);
        const now = await call<AlertInstance[]>('monitoring.alerts.evaluate', {});
        const fsAlert = now.filter((a) => a.ruleName === 'Filesystem almost full');
        expect(fsAlert.map((a) => [a.state, a.labels.host])).toEqual([['firing', 'backup-01.fra1']]);
      } finally {
        await feed.stop();
        clock.t = NOW;
      }
    });
  });

  describe('LineStore.import', () => {
    it('refuses a line it cannot store, storing none of the batch', () => {
      const db = app.services.workspace.db;
      const importLines = (...a: Parameters<LineStore['import']>) => new LineStore(db).import(...a);
      const count = () => (db.prepare('SELECT count(*) AS n FROM monitoring_log_lines').get() as { n: number }).n;
      const before = count();
      const to = { sourceId: 'nowhere', ciId: hosts[0]!.id, host: hosts[0]!.name };
      const ok = { time: NOW, unit: 'x.service', level: 6, message: 'fine' };
      expect(() => importLines(to, [ok, { ...ok, level: 9 }])).toThrow(/syslog priority 0–7/);
      expect(() => importLines(to, [ok, { ...ok, time: 1.5 }])).toThrow(/whole milliseconds/);
      expect(count()).toBe(before);
    });
  });
});

describe('the synthetic series', () => {
  const cis = (names: [string, 'prod' | 'staging'][]) =>
    names.map(
      ([name, environment], i) =>
        ({ id: `ci-${i}`, name, type: 'host', environment, connection: { address: `${name}.demo.invalid` } }) as Ci,
    );
  const fleet = demoHosts(
    cis([
      ['web-01.fra1', 'prod'],
      ['backup-01.fra1', 'prod'],
      ['web-01.stg.fra1', 'staging'],
    ]),
  );
  const story = demoStory(fleet, NOW);
  const samplesOf = (ws: DemoWrite[]) => ws.flatMap((w) => ('samples' in w ? w.samples : []));
  const lastDay = (h: DemoHost) => hostWrites(h, story, story.end - DAY + 1, story.end);

  it('are only for the demo estate’s hosts, never for a host at a real address', () => {
    const mine = { id: 'mine', name: 'web-09.fra1', type: 'host', connection: { address: '127.0.0.1' } } as Ci;
    expect(demoHosts([...cis([['web-01.fra1', 'prod']]), mine]).map((h) => h.ci)).toEqual(['ci-0']);
  });

  it('are the same every time for the same moment', () => {
    for (const h of fleet) expect(lastDay(h)).toEqual(lastDay(h));
  });

  it('tell the story: the backup host fills past 90% and spikes; the staging web host goes down once', () => {
    const backup = samplesOf(lastDay(fleet[1]!));
    const fsUsed = backup.filter(
      (s) => s.labels.__name__ === 'host_filesystem_used_percent' && s.labels.mountpoint === '/srv/restic',
    );
    expect(fsUsed.at(-1)!.v).toBeGreaterThan(92.5);
    expect(fsUsed.filter((s) => s.t < story.busy.fillFrom).every((s) => s.v < 80)).toBe(true);
    const busy = (h: DemoHost, t: number) =>
      100 - samplesOf(lastDay(h)).find((s) => s.labels.mode === 'idle' && Math.abs(s.t - t) < 60_000)!.v;
    expect(busy(fleet[1]!, story.busy.cpuSpike.from + 20 * 60_000)).toBeGreaterThan(85);
    expect(busy(fleet[0]!, story.busy.cpuSpike.from + 20 * 60_000)).toBeLessThan(85);

    const down = lastDay(fleet[2]!);
    const stale = down.filter((w) => 'stale' in w);
    expect(stale).toEqual([{ stale: { ci: 'ci-2', host: 'web-01.stg.fra1' }, t: expect.any(Number) }]);
    const ups = samplesOf(down).filter((s) => s.labels.__name__ === 'host_up');
    expect(ups.filter((s) => s.v === 0)).toHaveLength(6);
  });

  it('go on past the story’s end in pieces as they would in one go (the demo feed)', () => {
    const h = fleet[2]!; // the host with the outage, which lies inside the range
    const from = story.outage!.from - 90 * 60_000;
    const to = story.end + 3 * 60 * 60_000;
    const whole = samplesOf(hostWrites(h, story, from, to));
    const cuts = [from - 1, story.outage!.from + 2 * 60_000, story.end, story.end + 37 * 60_000 + 5, to];
    const pieces = cuts.slice(1).flatMap((c, i) => samplesOf(hostWrites(h, story, cuts[i]! + 1, c, i > 0)));
    const key = (x: { labels: Record<string, string>; t: number }) => `${JSON.stringify(x.labels)}@${x.t}`;
    expect(pieces.map(key).sort()).toEqual(whole.map(key).sort());
    const byKey = new Map(whole.map((x) => [key(x), x.v]));
    for (const x of pieces) {
      const v = byKey.get(key(x))!;
      // Load averages restart their warm-up at each piece (an hour back): the same to within a few %.
      if (/host_load(5|15)/.test(x.labels.__name__!)) expect(Math.abs(x.v - v)).toBeLessThanOrEqual(0.05 * v + 0.01);
      else expect(x.v, key(x)).toBe(v);
    }
    // After the end the repository stays full: the alert goes on firing.
    const fsAfter = samplesOf(lastDay(fleet[1]!)).filter((x) => x.labels.mountpoint === '/srv/restic');
    expect(fsAfter.at(-1)!.v).toBeGreaterThan(90);
    const later = samplesOf(hostWrites(fleet[1]!, story, story.end + 1, story.end + 6 * 60 * 60_000));
    const fsLater = later.filter((x) => x.labels.mountpoint === '/srv/restic');
    expect(fsLater).toHaveLength(360);
    expect(fsLater.every((x) => x.v > 92.5 && x.v < 93.5)).toBe(true);
  });

  it('write every CPU mode on every scrape but a boot’s first, summing to 100', () => {
    const byT = new Map<number, number[]>();
    for (const s of samplesOf(hostWrites(fleet[0]!, story, story.end - 120 * 60_000 + 1, story.end))) {
      if (s.labels.__name__ === 'host_cpu_usage_percent') byT.set(s.t, [...(byT.get(s.t) ?? []), s.v]);
    }
    expect(byT.size).toBe(119);
    for (const v of byT.values()) {
      expect(v).toHaveLength(usageModes.length);
      expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    }
  });
});
