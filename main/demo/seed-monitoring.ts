import { api, type CallInput, type CallOutput, type ParsedInput } from '../../shared/api';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { CmdbService } from '../cmdb/service';
import { Evaluator } from '../monitoring/alerts/evaluator';
import { AlertService } from '../monitoring/alerts/service';
import { Silences } from '../monitoring/alerts/silences';
import { AlertStore } from '../monitoring/alerts/store';
import type { MonitoringServices } from '../monitoring/compose';
import { DashboardStore } from '../monitoring/dashboards/store';
import { LineStore } from '../monitoring/logs/lines';
import type { MonitoringMethod } from '../monitoring/part-types';
import { EventBus } from '../rpc/events';
import type { CallContext } from '../rpc/router';
import type { Workspace } from '../store/workspace';
import { fleetOverview } from './demo-dashboard';
import { demoHosts, type DemoHost } from './demo-hosts';
import { demoLogLines } from './demo-logs';
import { demoStory, hostWrites, STEP_MS, type DemoStory } from './demo-series';

export interface SeedMonitoringDeps {
  workspace: Workspace;
  clock: Clock;
  logger: Logger;
  cmdb: CmdbService;
  monitoring: MonitoringServices;
}

export interface SeedMonitoringResult {
  hosts: number;
  samples: number;
  /** how long writing the series took (the bulk of the seed) */
  seriesMs: number;
  dashboardId: string;
  ruleIds: string[];
  alertEvents: number;
  logLines: number;
}

/** A day of one-minute scrapes. */
export const SERIES_SPAN_MS = 24 * 60 * 60_000;
/** The alert rules are replayed over this much of the past, at their interval, so they have a history. */
const REPLAY_MS = 3 * 60 * 60_000;
export const FLEET_OVERVIEW = 'Fleet overview';

const ctx: CallContext = { actor: 'demo', via: 'internal', requestId: 'seed' };

function demoRules(): CallInput<'monitoring.alerts.rules.save'>[] {
  const local = { kind: 'local' } as const;
  return [
    {
      name: 'Filesystem almost full',
      source: local,
      expr: 'host_filesystem_used_percent',
      op: '>',
      threshold: 90,
      for: '5m',
      interval: '1m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.mountpoint }} on {{ $labels.host }} is {{ printf "%.1f" $value }}% full',
        description: 'Free space or grow the filesystem before writes start failing.',
      },
    },
    {
      name: 'High CPU',
      source: local,
      expr: '100 - host_cpu_usage_percent{mode="idle"}',
      op: '>',
      threshold: 85,
      for: '10m',
      interval: '1m',
      labels: { severity: 'warning' },
      annotations: { summary: '{{ $labels.host }} has been {{ printf "%.0f" $value }}% busy for 10 minutes' },
    },
  ];
}

/**
 * Monitoring for the demo workspace, so a newcomer sees Dashboards, Alerts
 * and Host logs working with no server at all: a day of the SSH collector's
 * series for every host CI (nothing ever connects: the collector and the log
 * sources stay off for the demo's `.invalid` hosts), the "Fleet overview"
 * dashboard, two alert rules replayed over the last hours (one firing now,
 * one with a resolved, silenced episode), a silence, and journal lines.
 *
 * The series and the dashboard are written before the first await, so they
 * are there when createApp returns; the log lines and the alert replay
 * follow in the same turn of the event loop (the handlers and the local
 * engine do no I/O), before any request can arrive. Never rejects: a
 * failure is logged and leaves the rest of the demo as it is.
 */
export async function seedMonitoring(d: SeedMonitoringDeps): Promise<SeedMonitoringResult | null> {
  const log = d.logger.child('demo');
  try {
    const result = await seed(d);
    if (result) log.info('demo monitoring seeded', { ...result, ruleIds: result.ruleIds.length });
    return result;
  } catch (e) {
    log.error('the demo monitoring data could not be seeded', { error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

async function seed(d: SeedMonitoringDeps): Promise<SeedMonitoringResult | null> {
  const db = d.workspace.db;
  const hosts = demoHosts(d.cmdb.cis.all());
  const story = demoStory(hosts, demoAnchor(d));
  const dashboards = new DashboardStore(db, d.clock);
  // Seeding twice would tell the story twice; the dashboard marks a seeded workspace.
  if (hosts.length === 0 || dashboards.idByTitle(FLEET_OVERVIEW)) return null;

  const started = performance.now();
  const samples = writeSeries(d, hosts, story);
  const seriesMs = Math.round(performance.now() - started);
  const dashboard = dashboards.save(parse('monitoring.dashboards.save', fleetOverview()));
  const logLines = await seedLogs(d, hosts, story);
  const replay = await replayAlerts(d, story);
  return { hosts: hosts.length, samples, seriesMs, dashboardId: dashboard.id, logLines, ...replay };
}

function parse<M extends MonitoringMethod>(method: M, input: CallInput<M>): ParsedInput<M> {
  return api[method].input.parse(input) as ParsedInput<M>;
}

/** Through the part's own handler, with the input parsed as the router would. */
async function call<M extends MonitoringMethod>(
  d: SeedMonitoringDeps,
  method: M,
  input: CallInput<M>,
): Promise<CallOutput<M>> {
  const handler = d.monitoring.handlers[method] as (
    i: ParsedInput<M>,
    c: CallContext,
  ) => CallOutput<M> | Promise<CallOutput<M>>;
  return handler(parse(method, input), ctx);
}

/**
 * The moment the demo's story is told from: when the workspace was created
 * (the seed runs then), so a later run (demo-feed.ts) continues the same story.
 */
export function demoAnchor(d: Pick<SeedMonitoringDeps, 'workspace' | 'clock'>): number {
  return Math.min(d.workspace.info().createdAt ?? Infinity, d.clock.now());
}

/** Writes a host's samples in [from, to] to the sink; returns how many. */
export function writeHost(
  sink: MonitoringServices['sink'],
  h: DemoHost,
  story: DemoStory,
  range: { from: number; to: number; resumed?: boolean },
): number {
  let n = 0;
  for (const w of hostWrites(h, story, range.from, range.to, range.resumed)) {
    if ('stale' in w) {
      sink.markStale(w.stale, w.t);
    } else {
      sink.append(w.samples);
      n += w.samples.length;
    }
  }
  return n;
}

function writeSeries(d: SeedMonitoringDeps, hosts: readonly DemoHost[], story: DemoStory): number {
  const range = { from: story.end - SERIES_SPAN_MS + 1, to: story.end };
  return hosts.reduce((n, h) => n + writeHost(d.monitoring.sink, h, story, range), 0);
}

/** Each host with lines gets a journal source, left disabled: the demo's hosts cannot be reached. */
async function seedLogs(d: SeedMonitoringDeps, hosts: readonly DemoHost[], story: DemoStory): Promise<number> {
  const store = new LineStore(d.workspace.db);
  let n = 0;
  for (const { host, lines } of demoLogLines(hosts, story)) {
    const source = await call(d, 'monitoring.logs.sources.save', { ciId: host.ci, kind: 'journal', enabled: false });
    n += store.import({ sourceId: source.id, ciId: host.ci, host: host.host }, lines);
  }
  return n;
}

/**
 * The rules are saved and evaluated as if they had existed for the last few
 * hours: the real evaluator and state machine on the seeded series, with a
 * clock that steps through the past at the rules' interval. Its own event bus
 * keeps these old transitions out of the live notifications.
 */
async function replayAlerts(
  d: SeedMonitoringDeps,
  story: DemoStory,
): Promise<{ ruleIds: string[]; alertEvents: number }> {
  const clock = { t: story.end - REPLAY_MS, now: () => clock.t };
  const store = new AlertStore(d.workspace.db);
  const silences = new Silences(store, clock);
  const engines = d.monitoring.engines;
  const evaluator = new Evaluator({ store, silences, engines, clock, bus: new EventBus(), logger: d.logger });
  const service = new AlertService({ store, silences, evaluator, engines, clock, logger: d.logger });
  try {
    const ruleIds: string[] = [];
    for (const r of demoRules()) ruleIds.push((await service.saveRule(parse('monitoring.alerts.rules.save', r))).id);
    // Set before the check starts, as the person running it would; expired since.
    const silenceAt = story.busy.cpuSpike.from - 10 * 60_000;
    let silenced = false;
    for (let t = clock.t; t <= story.end; t += STEP_MS) {
      clock.t = t;
      if (!silenced && t >= silenceAt) {
        silenced = true;
        silences.create(
          parse('monitoring.silences.create', {
            matchers: [
              { name: 'alertname', op: '=', value: 'High CPU' },
              { name: 'host', op: '=', value: story.busy.host },
            ],
            endsAt: story.busy.cpuSpike.to + 20 * 60_000,
            comment: `restic check of ${story.busy.mountpoint} reads the whole repository back: high CPU on ${story.busy.host} is expected while it runs (CHG-1042).`,
          }),
          'demo',
        );
      }
      await service.evaluate([]);
    }
    return { ruleIds, alertEvents: store.history({ limit: 5000 }).length };
  } finally {
    await evaluator.close();
  }
}
