import { Problems } from './problems';

/** A variable as read from the inventory, with the line that set it. */
export interface VarEntry {
  value: unknown;
  line: number;
}

export interface GroupDef {
  name: string;
  line: number;
  vars: Map<string, VarEntry>;
  children: string[];
  parents: string[];
}

export interface HostDef {
  name: string;
  line: number;
  vars: Map<string, VarEntry>;
  /** groups the host is listed in directly, in first-seen order */
  groups: string[];
}

/** Groups every inventory has without declaring them. */
export const implicitGroups = new Set(['all', 'ungrouped']);

/**
 * The shape both Ansible formats (INI and YAML) are read into before becoming
 * records, so they map variables, inheritance and relations identically.
 */
export class AnsibleInventory {
  readonly groups = new Map<string, GroupDef>();
  readonly hosts = new Map<string, HostDef>();

  constructor(private readonly problems: Problems) {
    this.group('all', 1);
  }

  group(name: string, line: number): GroupDef {
    let g = this.groups.get(name);
    if (!g) {
      g = { name, line, vars: new Map(), children: [], parents: [] };
      this.groups.set(name, g);
    }
    return g;
  }

  /** Lists a host in a group; appearing again merges, later variables winning as in Ansible. */
  addHost(name: string, line: number, groupName: string, vars: [string, VarEntry][]): HostDef {
    let h = this.hosts.get(name);
    if (!h) {
      h = { name, line, vars: new Map(), groups: [] };
      this.hosts.set(name, h);
    }
    if (groupName !== 'all' && !h.groups.includes(groupName)) h.groups.push(groupName);
    this.group(groupName, line);
    for (const [k, v] of vars) h.vars.set(k, v);
    return h;
  }

  setGroupVar(groupName: string, key: string, entry: VarEntry): void {
    this.group(groupName, entry.line).vars.set(key, entry);
  }

  /** Adds parent → child unless it would close a loop, which Ansible refuses too. */
  addChild(parentName: string, childName: string, line: number): void {
    if (parentName === childName || this.ancestors(parentName).has(childName)) {
      this.problems.error(
        line,
        `group "${childName}" cannot be a child of "${parentName}": that makes a loop`,
        childName,
      );
      return;
    }
    if (childName === 'all') {
      this.problems.error(line, 'the group "all" cannot be a child of another group', childName);
      return;
    }
    const parent = this.group(parentName, line);
    const child = this.group(childName, line);
    if (!parent.children.includes(childName)) parent.children.push(childName);
    if (!child.parents.includes(parentName)) child.parents.push(parentName);
  }

  /** Every group above this one (parents, their parents …), loops tolerated. */
  ancestors(name: string): Set<string> {
    const seen = new Set<string>();
    const stack = [...(this.groups.get(name)?.parents ?? [])];
    while (stack.length > 0) {
      const g = stack.pop() as string;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...(this.groups.get(g)?.parents ?? []));
    }
    return seen;
  }

  /** Ansible applies group vars from shallow to deep groups, then by name. */
  depth(name: string, visiting = new Set<string>()): number {
    if (name === 'all' || visiting.has(name)) return 0;
    visiting.add(name);
    const parents = this.groups.get(name)?.parents ?? [];
    let d = 1;
    for (const p of parents) d = Math.max(d, 1 + this.depth(p, visiting));
    visiting.delete(name);
    return d;
  }

  /** The host's variables after group inheritance; host vars win. */
  effectiveVars(host: HostDef): { vars: Map<string, VarEntry>; groups: string[] } {
    const all = new Set<string>(host.groups);
    for (const g of host.groups) for (const a of this.ancestors(g)) all.add(a);
    all.delete('all');
    const ordered = [...all].map((g) => ({ g, d: this.depth(g) }));
    ordered.sort((a, b) => a.d - b.d || (a.g < b.g ? -1 : a.g > b.g ? 1 : 0));
    const vars = new Map<string, VarEntry>(this.groups.get('all')?.vars ?? []);
    for (const { g } of ordered) for (const [k, v] of this.groups.get(g)?.vars ?? []) vars.set(k, v);
    for (const [k, v] of host.vars) vars.set(k, v);
    return { vars, groups: ordered.map((o) => o.g).filter((g) => !implicitGroups.has(g)) };
  }
}
