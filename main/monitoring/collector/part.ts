import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { SampleSink } from '../types';

export type CollectorMethod =
  'monitoring.collector.list' | 'monitoring.collector.set' | 'monitoring.collector.scrapeNow';

const notYet = () => {
  throw new OpsError('unavailable', 'The SSH collector is not built yet.');
};

// PLACEHOLDER: replaced by the SSH collector.
export function createCollectorPart(_deps: MonitoringDeps, _o: { sink: SampleSink }): MonitoringPart<CollectorMethod> {
  return {
    handlers: {
      'monitoring.collector.list': notYet,
      'monitoring.collector.set': notYet,
      'monitoring.collector.scrapeNow': notYet,
    },
  };
}
