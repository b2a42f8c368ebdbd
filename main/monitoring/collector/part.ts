import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { SampleSink } from '../types';
import { sshRunner } from './run-scrape';
import { CollectorService } from './service';

export type CollectorMethod =
  'monitoring.collector.list' | 'monitoring.collector.set' | 'monitoring.collector.scrapeNow';

export interface CollectorPart extends MonitoringPart<CollectorMethod> {
  service: CollectorService;
}

/** The agentless SSH collector: host CIs scraped over the SSH pool into the local series store. */
export function createCollectorPart(
  deps: MonitoringDeps,
  o: { sink: SampleSink; maxConcurrent?: number; tickWaitMs?: number },
): CollectorPart {
  const service = new CollectorService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    bus: deps.bus,
    cis: deps.cmdb,
    // The resolver's refusals name the CI and what to set on it (address, credential, jump host).
    checkConnectable: (id) => void deps.ssh.resolver.resolve(id),
    run: sshRunner(deps.ssh),
    sink: o.sink,
    maxConcurrent: o.maxConcurrent,
    tickWaitMs: o.tickWaitMs,
  });
  return {
    service,
    handlers: {
      'monitoring.collector.list': () => service.list(),
      'monitoring.collector.set': (input) => service.set(input),
      'monitoring.collector.scrapeNow': (input) => service.scrapeNow(input.ciIds),
    },
    ticking: { tick: () => service.tick() },
    close: () => service.close(),
  };
}
