import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { Engine, SampleSink } from '../types';

export interface LocalPart extends MonitoringPart<'monitoring.local.stats'> {
  /** evaluates the local selector language over the workspace's series */
  engine: Engine;
  sink: SampleSink;
}

const notYet = () => {
  throw new OpsError('unavailable', 'Local series are not built yet.');
};

// PLACEHOLDER: replaced by the local series store.
export function createLocalPart(_deps: MonitoringDeps): LocalPart {
  return {
    engine: { range: notYet, instant: notYet, labelNames: notYet, labelValues: notYet },
    sink: { append: notYet, markStale: notYet },
    handlers: { 'monitoring.local.stats': notYet },
  };
}
