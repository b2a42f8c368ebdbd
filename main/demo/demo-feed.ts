import type { CallOutput } from '../../shared/api';
import { demoHosts } from './demo-hosts';
import { STEP_MS, demoStory } from './demo-series';
import { FLEET_OVERVIEW, SERIES_SPAN_MS, demoAnchor, writeHost, type SeedMonitoringDeps } from './seed-monitoring';
import { DashboardStore } from '../monitoring/dashboards/store';

export interface DemoFeed {
  /** writes what is due now: the gap since the last sample (at most a day) the first time, then each new minute */
  tick(): Promise<void>;
  /** no more passes; resolves when the one running (if any) has stopped */
  stop(): Promise<void>;
}

/**
 * Keeps a seeded demo workspace's series going while the app runs, so its
 * charts do not stop at the moment it was created and its firing alert does
 * not resolve five minutes later for want of data. The same synthetic
 * story goes on (demo-series.ts: the repository stays ~93% full); a gap
 * while the app was closed is filled, up to a day. Writes only; nothing
 * connects anywhere. Does nothing in a workspace the demo seed did not fill.
 */
export function startDemoFeed(d: SeedMonitoringDeps, o: { everyMs?: number } = {}): DemoFeed {
  const log = d.logger.child('demo');
  const seeded = () => new DashboardStore(d.workspace.db, d.clock).idByTitle(FLEET_OVERVIEW) !== null;
  const anchor = demoAnchor(d);
  /** per host CI: the newest time written up to */
  const written = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> | undefined;

  const pass = async () => {
    if (stopped || d.workspace.readOnly || !d.workspace.isDemo() || !seeded()) return;
    const now = d.clock.now();
    const hosts = demoHosts(d.cmdb.cis.all());
    const story = demoStory(hosts, anchor);
    let start: number | undefined;
    for (const h of hosts) {
      if (stopped) return;
      if (!written.has(h.ci)) {
        start ??= Math.max(await newestSample(d), now - SERIES_SPAN_MS, story.end);
      }
      const resumed = written.has(h.ci);
      const from = (written.get(h.ci) ?? start!) + 1;
      if (from > now) continue;
      writeHost(d.monitoring.sink, h, story, { from, to: now, resumed });
      written.set(h.ci, now);
      // A day's gap for every host is seconds of work: let calls in between.
      if (!resumed) await new Promise((r) => setImmediate(r));
    }
  };

  const tick = (): Promise<void> => {
    running ??= pass()
      .catch((e: unknown) => {
        log.error('the demo series could not be continued', { error: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => void tick(), o.everyMs ?? STEP_MS);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** The newest sample in the local store (the last minute the app was open), or -Infinity. */
async function newestSample(d: SeedMonitoringDeps): Promise<number> {
  const stats = (await d.monitoring.handlers['monitoring.local.stats'](
    {},
    {
      actor: 'demo',
      via: 'internal',
      requestId: 'feed',
    },
  )) as CallOutput<'monitoring.local.stats'>;
  return stats.newestMs ?? -Infinity;
}
