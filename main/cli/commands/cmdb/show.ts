import type { CallOutput } from '../../../../shared/api';
import type { RelationType } from '../../../../shared/api/cmdb-model';
import { CliError, out, parse, withApp, workspacePathOf, workspaceOption } from '../../common';
import { appClient, type CmdbClient } from './client';

export const help = `Usage: opsroom cmdb show NAME|ID [--json] [--workspace PATH]

Shows one CI: its attributes and custom fields, its relationships seen from
both ends, its connection (credential metadata only, never the secret) and how
many CIs may be impacted if it fails (blast radius).`;

export async function showCore(client: CmdbClient, nameOrId: string, json: boolean): Promise<number> {
  const got = (await client.call('cmdb.ci.get', { name: nameOrId })) as CallOutput<'cmdb.ci.get'>;
  const blast = (await client.call('cmdb.blastRadius', { id: got.ci.id, limit: 1 })) as CallOutput<'cmdb.blastRadius'>;
  if (json) {
    out(JSON.stringify({ ...got, blastRadius: { total: blast.total } }, null, 2));
    return 0;
  }
  const { types } = (await client.call('cmdb.relations.types')) as { types: RelationType[] };
  const inverse = new Map(types.map((t) => [t.name, t.inverseLabel]));
  const c = got.ci;
  const line = (k: string, v: string | number | null | undefined) => {
    if (v !== null && v !== undefined && v !== '') out(`${k.padEnd(14)}${v}`);
  };
  out(`${c.name}  (${c.type}, ${c.status})`);
  line('id', c.id);
  line('description', c.description);
  line('environment', c.environment);
  line('criticality', c.criticality);
  line('owner', [c.ownerTeam, c.ownerPerson].filter(Boolean).join(' / '));
  line('tags', c.tags.join(', '));
  line('version', c.version);
  line('updated', new Date(c.updatedAt).toISOString());
  if (c.connection) {
    const cn = c.connection;
    line('address', cn.address ? `${cn.user ? cn.user + '@' : ''}${cn.address}${cn.port ? ':' + cn.port : ''}` : null);
    line('jump host', got.jumpHost?.name);
    line(
      'credential',
      got.credential
        ? `${got.credential.name} (${got.credential.kind}${got.credential.fingerprint ? ', ' + got.credential.fingerprint : ''})`
        : cn.credentialId,
    );
  }
  const fields = Object.entries(c.fields);
  if (fields.length) {
    out('fields');
    for (const [k, v] of fields) out(`  ${k.padEnd(12)}${String(v)}`);
  }
  if (got.outgoing.length || got.incoming.length) {
    out('relationships');
    for (const r of got.outgoing) out(`  ${r.type} → ${r.to.name} (${r.to.type})`);
    for (const r of got.incoming)
      out(`  ${inverse.get(r.type) ?? `${r.type} (from)`} ← ${r.from.name} (${r.from.type})`);
  }
  out(`blast radius  ${blast.total} CI${blast.total === 1 ? '' : 's'} may be impacted if ${c.name} fails`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, json: { type: 'boolean' } });
  if (values.help) return (out(help), 0);
  if (positionals.length !== 1) throw new CliError('Name one CI (by name or id). See opsroom cmdb show --help.');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) =>
    showCore(appClient(app), positionals[0]!, Boolean(values.json)),
  );
}
