import type { MonitoringDeps, MonitoringPart } from '../part-types';
import { LogsService, type LogsOptions } from './service';

export type LogsMethod =
  | 'monitoring.logs.sources.list'
  | 'monitoring.logs.sources.save'
  | 'monitoring.logs.sources.delete'
  | 'monitoring.logs.pull'
  | 'monitoring.logs.search';

export interface LogsPart extends MonitoringPart<LogsMethod> {
  service: LogsService;
}

/** Logs pulled over SSH into the workspace's full-text index; search; live tail on 'monitoring.logs.lines'. */
export function createLogsPart(deps: MonitoringDeps, options: LogsOptions = {}): LogsPart {
  const service = new LogsService(deps, options);
  return {
    service,
    handlers: {
      'monitoring.logs.sources.list': () => service.list(),
      'monitoring.logs.sources.save': (i) => service.save(i),
      'monitoring.logs.sources.delete': (i) => ({ deleted: service.delete(i.id) }),
      'monitoring.logs.pull': (i) => service.pull(i.sourceIds),
      'monitoring.logs.search': (i) => service.search(i),
    },
    ticking: { tick: () => service.tick() },
    close: () => service.close(),
  };
}
