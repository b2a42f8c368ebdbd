/** Ids a test has made by the time it calls every query. */
export interface QueryContext {
  hostId: string;
  dbId: string;
  jobId: string;
}

export interface QueryCase {
  /** each is sent once, as the call's input (undefined: no input at all) */
  inputs: unknown[];
  /** the call may answer with an error (the id it asks for does not exist here) */
  mayFail?: boolean;
}

const csv = 'name,address,env\nplanted-csv-01,10.66.1.1,lab\n';
const sshConfig = 'Host planted-probe\n  HostName 10.66.1.2\n  User ops\n';

/**
 * A plausible input for every query of the contract (shared/api/index.ts).
 * A query missing here makes the planted-secret test fail: a new query must be
 * exercised, not skipped.
 */
export function queryInputs(c: QueryContext): Record<string, QueryCase> {
  return {
    'system.info': { inputs: [undefined] },
    'workspace.info': { inputs: [undefined] },
    'workspace.snapshots.list': { inputs: [undefined] },
    'audit.list': { inputs: [{ limit: 1000 }] },
    'audit.verify': { inputs: [undefined] },
    'jobs.list': { inputs: [{ limit: 500 }] },
    'jobs.get': { inputs: [{ id: c.jobId }] },
    'jobs.logs': { inputs: [{ id: c.jobId }] },
    'settings.get': { inputs: [undefined] },
    'applog.tail': { inputs: [{ limit: 5000 }] },
    'vault.status': { inputs: [undefined] },
    'vault.secrets.list': { inputs: [{}] },
    'cmdb.search': { inputs: [undefined, { query: { text: 'planted' }, limit: 2000 }] },
    'cmdb.facets': { inputs: [undefined] },
    'cmdb.ci.get': { inputs: [{ id: c.hostId }, { id: c.dbId }, { name: 'planted-bastion' }] },
    'cmdb.fields.list': { inputs: [undefined] },
    'cmdb.relations.types': { inputs: [undefined] },
    'cmdb.graph': { inputs: [{ id: c.hostId, depth: 5 }] },
    'cmdb.blastRadius': { inputs: [{ id: c.dbId }] },
    'cmdb.history': { inputs: [{ limit: 1000 }, { id: c.hostId }] },
    'cmdb.views.list': { inputs: [undefined] },
    'cmdb.import.inspect': { inputs: [{ content: csv }] },
    'cmdb.import.preview': {
      inputs: [
        { format: 'csv', content: csv, options: { mapping: { name: 'name', address: 'address', env: 'environment' } } },
        { format: 'ssh-config', content: sshConfig },
      ],
    },
    'cmdb.export': { inputs: [{ format: 'json' }, { format: 'csv' }, { format: 'ansible-yaml' }] },
    'ssh.hostkeys.list': { inputs: [{}] },
    'ssh.hostkeys.export': { inputs: [{}, { hashed: true }] },
    'ssh.targets.preview': {
      inputs: [{ targets: { ids: [c.hostId, c.dbId] } }, { targets: { query: { text: 'planted' } } }],
    },
    'ssh.batch.list': { inputs: [{}] },
    'ssh.snippets.list': { inputs: [undefined] },
    'ssh.terminal.list': { inputs: [undefined] },
    'ssh.recordings.list': { inputs: [undefined] },
    // No batch run or recording exists in this workspace: these answer not_found, which is searched too.
    'ssh.batch.get': { inputs: [{ runId: 'no-such-run' }], mayFail: true },
    'ssh.batch.export': { inputs: [{ runId: 'no-such-run', format: 'json' }], mayFail: true },
    'ssh.recordings.get': { inputs: [{ id: 'no-such-recording' }], mayFail: true },
    'monitoring.datasources.list': { inputs: [undefined] },
    // No datasource is reachable in this workspace: the errors are searched too.
    'monitoring.datasources.test': { inputs: [{ id: 'no-such-datasource' }], mayFail: true },
    'monitoring.query.range': {
      inputs: [
        { source: { kind: 'local' }, expr: 'host_memory_total_bytes', range: { from: 'now-1h', to: 'now' } },
        {
          source: { kind: 'prometheus', datasourceId: 'no-such-datasource' },
          expr: 'up',
          range: { from: 'now-1h', to: 'now' },
        },
      ],
      mayFail: true,
    },
    'monitoring.query.instant': {
      inputs: [{ source: { kind: 'local' }, expr: 'host_memory_total_bytes' }],
      mayFail: true,
    },
    'monitoring.labels.names': { inputs: [{ source: { kind: 'local' } }], mayFail: true },
    'monitoring.labels.values': { inputs: [{ source: { kind: 'local' }, label: '__name__' }], mayFail: true },
    'monitoring.annotations': {
      inputs: [{ range: { from: 'now-7d', to: 'now' } }, { range: { from: 'now-7d', to: 'now' }, ciId: c.hostId }],
    },
    'monitoring.collector.list': { inputs: [undefined] },
    'monitoring.local.stats': { inputs: [undefined] },
    'monitoring.alerts.rules.list': { inputs: [undefined] },
    'monitoring.alerts.active': { inputs: [undefined] },
    'monitoring.alerts.history': { inputs: [{}] },
    'monitoring.silences.list': { inputs: [undefined] },
    'monitoring.logs.sources.list': { inputs: [undefined] },
    'monitoring.logs.search': { inputs: [{}, { query: 'planted' }] },
    'monitoring.dashboards.list': { inputs: [undefined] },
    'monitoring.dashboards.host': { inputs: [{ ciId: c.hostId }] },
    'monitoring.dashboards.get': { inputs: [{ id: 'no-such-dashboard' }], mayFail: true },
    'monitoring.dashboards.export': { inputs: [{ id: 'no-such-dashboard' }], mayFail: true },
  };
}
