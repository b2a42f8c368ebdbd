import type { FieldValue } from '../../../shared/api/cmdb-model';
import { AnsibleInventory, implicitGroups, type VarEntry } from './ansible-inventory';
import { jumpFromSshArgs } from './ansible-jump';
import type { Problems } from './problems';
import type { ImportRecord, ParseResult } from './types';
import { fieldFromUnknown, parsePort, recordProblem, setField } from './values';

type Connection = NonNullable<ImportRecord['connection']>;

const connectionVars: Record<string, 'address' | 'user' | 'identityFile'> = {
  ansible_host: 'address',
  ansible_ssh_host: 'address',
  ansible_user: 'user',
  ansible_ssh_user: 'user',
  ansible_ssh_private_key_file: 'identityFile',
  ansible_private_key_file: 'identityFile',
};
const portVars = new Set(['ansible_port', 'ansible_ssh_port']);
const sshArgVars = new Set(['ansible_ssh_common_args', 'ansible_ssh_extra_args']);
const environmentVars = new Set(['env', 'environment']);

interface HostDraft {
  record: ImportRecord;
  jumpArgs: VarEntry | null;
  failed: boolean;
}

/** Turns a read inventory into host and group records with member_of relations. */
export function inventoryToResult(inv: AnsibleInventory, problems: Problems): ParseResult {
  const drafts: HostDraft[] = [];
  for (const host of inv.hosts.values()) {
    const { vars, groups } = inv.effectiveVars(host);
    const record: ImportRecord = { line: host.line, type: 'host', name: host.name, tags: groups, fields: {} };
    const connection: Connection = {};
    let failed = false;
    let jumpArgs: VarEntry | null = null;
    for (const [key, entry] of vars) {
      const target = Object.hasOwn(connectionVars, key) ? connectionVars[key] : undefined;
      if (target) {
        connection[target] = entry.value === null ? null : String(entry.value);
      } else if (portVars.has(key)) {
        const p = parsePort(entry.value);
        if ('problem' in p) {
          problems.error(entry.line, `${host.name}: ${key} ${p.problem.replace(/^port /, '')}`, host.name);
          failed = true;
        } else connection.port = p.port;
      } else if (environmentVars.has(key) && (typeof entry.value === 'string' || typeof entry.value === 'number')) {
        record.environment = String(entry.value);
      } else {
        if (sshArgVars.has(key) && typeof entry.value === 'string') jumpArgs = entry;
        setField(record.fields as Record<string, FieldValue>, key, fieldFromUnknown(entry.value));
      }
    }
    if (Object.keys(connection).length > 0) record.connection = connection;
    const relations = host.groups.filter((g) => !implicitGroups.has(g));
    if (relations.length > 0) record.relations = relations.map((g) => ({ type: 'member_of', to: g, toType: 'group' }));
    drafts.push({ record, jumpArgs, failed });
  }

  resolveJumps(drafts, problems);

  const records: ImportRecord[] = [];
  for (const d of drafts) {
    if (d.failed) continue;
    const problem = recordProblem(d.record);
    if (problem) problems.error(d.record.line, `${d.record.name}: ${problem}`, d.record.name);
    else records.push(d.record);
  }
  for (const g of inv.groups.values()) {
    if (implicitGroups.has(g.name)) continue;
    const record: ImportRecord = { line: g.line, type: 'group', name: g.name, fields: {} };
    for (const [key, entry] of g.vars) {
      if (environmentVars.has(key) && typeof entry.value === 'string') record.environment = entry.value;
      else setField(record.fields as Record<string, FieldValue>, key, fieldFromUnknown(entry.value));
    }
    const parents = g.parents.filter((p) => !implicitGroups.has(p));
    if (parents.length > 0) record.relations = parents.map((p) => ({ type: 'member_of', to: p, toType: 'group' }));
    const problem = recordProblem(record);
    if (problem) problems.error(record.line, `group ${g.name}: ${problem}`, g.name);
    else records.push(record);
  }
  return { records, errors: problems.errors, notices: problems.notices };
}

/** ProxyJump / ProxyCommand in ssh args → jumpHost, when it names a host of this inventory. */
function resolveJumps(drafts: HostDraft[], problems: Problems): void {
  const byName = new Map(drafts.map((d) => [d.record.name, d.record.name]));
  const byAddress = new Map<string, string>();
  for (const d of drafts) {
    const a = d.record.connection?.address;
    if (a && !byAddress.has(a)) byAddress.set(a, d.record.name);
  }
  for (const d of drafts) {
    if (!d.jumpArgs) continue;
    const target = jumpFromSshArgs(String(d.jumpArgs.value));
    if (target === null) continue;
    const name = byName.get(target) ?? byAddress.get(target);
    if (name && name !== d.record.name) {
      d.record.connection = { ...d.record.connection, jumpHost: name };
    } else {
      problems.notice(
        d.jumpArgs.line,
        `${d.record.name}: jump host "${target}" is not a host of this inventory, so no jump host relation was made`,
        d.record.name,
      );
    }
  }
}
