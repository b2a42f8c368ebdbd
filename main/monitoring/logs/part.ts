import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';

export type LogsMethod =
  | 'monitoring.logs.sources.list'
  | 'monitoring.logs.sources.save'
  | 'monitoring.logs.sources.delete'
  | 'monitoring.logs.pull'
  | 'monitoring.logs.search';

const notYet = () => {
  throw new OpsError('unavailable', 'Logs are not built yet.');
};

// PLACEHOLDER: replaced by the logs service.
export function createLogsPart(_deps: MonitoringDeps): MonitoringPart<LogsMethod> {
  return {
    handlers: {
      'monitoring.logs.sources.list': notYet,
      'monitoring.logs.sources.save': notYet,
      'monitoring.logs.sources.delete': notYet,
      'monitoring.logs.pull': notYet,
      'monitoring.logs.search': notYet,
    },
  };
}
