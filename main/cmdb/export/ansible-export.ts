import { stringify } from 'yaml';
import { connectableTypes, type Ci } from '../../../shared/api/cmdb-model';
import { groupNamer, hostKey, varName } from './ansible-names';
import type { ExportData } from './types';

type Vars = Record<string, unknown>;

/**
 * An Ansible YAML inventory: connectable CIs as hosts, grouped by the groups they
 * are member_of and by environment. A host's variables are written once, under its
 * first group; other groups just list it (Ansible merges host entries).
 */
export function exportAnsibleYaml(data: ExportData): string {
  const byId = new Map(data.cis.map((c) => [c.id, c]));
  const hosts = data.cis
    .filter((c) => connectableTypes.includes(c.type))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  const keys = hostKeys(hosts);
  const memberOf = new Map<string, string[]>();
  for (const r of data.relations) {
    const target = byId.get(r.toId);
    if (r.type !== 'member_of' || !target) continue;
    const list = memberOf.get(r.fromId);
    if (list) list.push(target.name);
    else memberOf.set(r.fromId, [target.name]);
  }
  const groupName = groupNamer();
  const groups = new Map<string, string[]>();
  const loose: string[] = [];
  for (const h of hosts) {
    const names = [...(memberOf.get(h.id) ?? []), ...(h.environment ? [h.environment] : [])].map(groupName);
    const unique = [...new Set(names)];
    if (unique.length === 0) loose.push(h.id);
    for (const g of unique) {
      const members = groups.get(g);
      if (members) members.push(h.id);
      else groups.set(g, [h.id]);
    }
  }
  const written = new Set<string>();
  const entry = (h: Ci): Vars | null => {
    if (written.has(h.id)) return null;
    written.add(h.id);
    return hostVars(h, byId);
  };
  const all: Vars = {};
  if (loose.length > 0) {
    const list: Vars = {};
    for (const id of loose) put(list, keys.get(id) as string, entry(byId.get(id) as Ci));
    all.hosts = list;
  }
  const children: Vars = {};
  for (const g of [...groups.keys()].sort(cmp)) {
    const list: Vars = {};
    for (const id of groups.get(g) ?? []) put(list, keys.get(id) as string, entry(byId.get(id) as Ci));
    put(children, g, { hosts: list });
  }
  if (groups.size > 0) all.children = children;
  return stringify({ all }, { lineWidth: 0, nullStr: '' });
}

/** Defines the key even when it is "__proto__". */
function put(o: Vars, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Host keys must be unique after sanitising; a clash gets the CI id's prefix appended. */
function hostKeys(hosts: Ci[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const h of hosts) {
    let key = hostKey(h.name);
    for (let n = 2; taken.has(key); n++) key = `${hostKey(h.name)}_${n}`;
    taken.add(key);
    out.set(h.id, key);
  }
  return out;
}

function hostVars(h: Ci, byId: Map<string, Ci>): Vars | null {
  const v: Vars = {};
  const c = h.connection;
  if (c?.address) v.ansible_host = c.address;
  if (c?.port) v.ansible_port = c.port;
  if (c?.user) v.ansible_user = c.user;
  const jump = c?.jumpHostId ? byId.get(c.jumpHostId) : undefined;
  if (jump) {
    const jc = jump.connection;
    const target = `${jc?.user ? `${jc.user}@` : ''}${jc?.address || jump.name}${jc?.port ? `:${jc.port}` : ''}`;
    v.ansible_ssh_common_args = `-o ProxyJump=${target}`;
  }
  if (h.environment) v.env = h.environment;
  for (const key of Object.keys(h.fields).sort()) {
    const name = varName(key);
    if (!Object.hasOwn(v, name)) put(v, name, h.fields[key]);
  }
  return Object.keys(v).length > 0 ? v : null;
}
