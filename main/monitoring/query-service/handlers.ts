import type { Clock } from '../../clock';
import type { Handlers } from '../../rpc/router';
import type { Engines } from '../types';
import { runInstantQuery } from './instant';
import { runRangeQuery } from './range';

export type QueryMethod =
  'monitoring.query.range' | 'monitoring.query.instant' | 'monitoring.labels.names' | 'monitoring.labels.values';

/** The query calls, over whichever engine the source names (a datasource or the local series). */
export function queryHandlers(engines: Engines, clock: Clock): Pick<Handlers, QueryMethod> {
  return {
    'monitoring.query.range': (i) => runRangeQuery(engines.engine(i.source), i, clock.now()),
    'monitoring.query.instant': (i) => runInstantQuery(engines.engine(i.source), i, clock.now()),
    'monitoring.labels.names': (i) => engines.engine(i.source).labelNames(i.match),
    'monitoring.labels.values': (i) => engines.engine(i.source).labelValues(i.label, i.match),
  };
}
