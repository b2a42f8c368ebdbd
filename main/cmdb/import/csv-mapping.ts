import { unreadable } from './problems';

/** Every CI attribute a CSV column can feed, besides 'fields.<key>' and 'ignore'. */
export const baseTargets = [
  'name',
  'type',
  'description',
  'ownerTeam',
  'ownerPerson',
  'environment',
  'status',
  'criticality',
  'tags',
  'address',
  'port',
  'user',
  'identityFile',
  'jumpHost',
  'id',
] as const;
export type BaseTarget = (typeof baseTargets)[number];

const fieldTarget = /^fields\.([A-Za-z_][A-Za-z0-9_.-]{0,63})$/;

const synonyms: Record<Exclude<BaseTarget, 'name' | 'address'>, string[]> = {
  type: ['type', 'citype', 'kind', 'class', 'category', 'assettype'],
  description: ['description', 'desc', 'comment', 'comments', 'notes', 'note', 'purpose'],
  ownerTeam: ['ownerteam', 'team', 'owner', 'ownergroup', 'squad', 'ownedby', 'supportgroup'],
  ownerPerson: [
    'ownerperson',
    'person',
    'contact',
    'responsible',
    'maintainer',
    'ownername',
    'owneremail',
    'technicalcontact',
  ],
  environment: ['environment', 'env', 'stage', 'envname'],
  status: ['status', 'state', 'lifecycle', 'lifecyclestatus'],
  criticality: ['criticality', 'priority', 'severity', 'businesscriticality', 'impact'],
  tags: ['tags', 'tag', 'labels', 'label', 'groups', 'roles'],
  port: ['port', 'sshport', 'ansibleport', 'ansiblesshport'],
  user: ['user', 'username', 'sshuser', 'login', 'ansibleuser', 'remoteuser', 'ansiblesshuser'],
  identityFile: ['identityfile', 'keyfile', 'sshkey', 'privatekey', 'key', 'ansiblesshprivatekeyfile', 'identity'],
  jumpHost: ['jumphost', 'bastion', 'proxyjump', 'jump', 'jumpserver'],
  id: ['id', 'ciid', 'uuid'],
};
/** Columns that name the CI, best first; what is left over may be its address. */
const nameWords = [
  'name',
  'ciname',
  'hostname',
  'host',
  'inventoryhostname',
  'servername',
  'server',
  'nodename',
  'node',
  'fqdn',
  'computername',
  'machine',
  'alias',
];
const addressWords = [
  'address',
  'ip',
  'ipaddress',
  'ipaddr',
  'ansiblehost',
  'ipv4',
  'ipv6',
  'mgmtip',
  'managementip',
  'primaryip',
  'addr',
  'fqdn',
  'dnsname',
  'hostname',
  'host',
];

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A column header as a custom field key. */
export function fieldKey(header: string): string | null {
  const key = header
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z_]+/, '')
    .slice(0, 64);
  return key === '' ? null : key;
}

export function targetsFor(columns: string[]): string[] {
  const fields = new Set<string>();
  for (const c of columns) {
    const m = fieldTarget.exec(c.trim());
    const key = m ? m[1] : fieldKey(c);
    if (key) fields.add(`fields.${key}`);
  }
  return [...baseTargets, ...fields, 'ignore'];
}

/** Fuzzy header matching: exact attribute names, then synonyms, then name/address heuristics, then custom fields. */
export function suggestMapping(columns: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  const assign = (col: string, target: string) => {
    out[col] = target;
    used.add(target);
  };
  const open = () => columns.filter((c) => !(c in out));
  for (const c of columns) {
    const m = fieldTarget.exec(c.trim());
    if (m && !used.has(c.trim())) assign(c, c.trim());
    else if (c.trim() === '') assign(c, 'ignore');
  }
  for (const t of baseTargets) {
    const exact = open().find((c) => norm(c) === norm(t));
    if (exact && !used.has(t)) assign(exact, t);
  }
  for (const [t, words] of Object.entries(synonyms)) {
    if (used.has(t)) continue;
    for (const w of words) {
      const c = open().find((col) => norm(col) === w);
      if (c) {
        assign(c, t);
        break;
      }
    }
  }
  for (const [t, words] of [
    ['name', nameWords],
    ['address', addressWords],
  ] as const) {
    if (used.has(t)) continue;
    for (const w of words) {
      const c = open().find((col) => norm(col) === w);
      if (c) {
        assign(c, t);
        break;
      }
    }
  }
  for (const c of open()) {
    const key = fieldKey(c);
    const target = key ? `fields.${key}` : 'ignore';
    assign(c, used.has(target) ? 'ignore' : target);
  }
  return out;
}

/** Checks a person's mapping against the header; a wrong mapping stops the import at line 1. */
export function checkMapping(mapping: Record<string, string>, columns: string[]): Map<number, string> {
  const byColumn = new Map<number, string>();
  const seen = new Map<string, string>();
  for (const [column, target] of Object.entries(mapping)) {
    const index = columns.indexOf(column);
    if (index < 0) throw unreadable(1, `the mapping names a column "${column}" that is not in the header`);
    const valid =
      (baseTargets as readonly string[]).includes(target) || target === 'ignore' || fieldTarget.test(target);
    if (!valid)
      throw unreadable(
        1,
        `column "${column}" maps to "${target}", which is not a CI attribute (see the list of targets)`,
      );
    if (target === 'ignore') continue;
    const other = seen.get(target);
    if (other !== undefined)
      throw unreadable(1, `columns "${other}" and "${column}" both map to ${target}; map one of them to ignore`);
    seen.set(target, column);
    byColumn.set(index, target);
  }
  if (!seen.has('name')) throw unreadable(1, 'no column is mapped to name; every CI needs one');
  return byColumn;
}
