import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { AnsibleInventory, type VarEntry } from './ansible-inventory';
import { inventoryToResult } from './ansible-records';
import { expandHostRange, splitHostPort } from './ansible-ranges';
import { assertText, Problems, unreadable } from './problems';
import type { ParseResult } from './types';

const groupKeys = new Set(['hosts', 'vars', 'children']);
/** Deep alias chains are a known way to make a tiny YAML file expand into gigabytes. */
const maxAliasCount = 1000;
const maxNesting = 64;

/** Ansible's YAML inventory: all: { hosts, vars, children: { group: { … } } }. */
export function parseAnsibleYaml(content: string): ParseResult {
  assertText(content, 'an Ansible YAML inventory');
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lineCounter.linePos(firstError.pos[0]).line;
    throw unreadable(Math.max(1, line), `YAML: ${firstError.message.split('\n')[0]}`);
  }
  const reader = new YamlReader(doc, lineCounter);
  const root = reader.resolve(doc.contents);
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { records: [], errors: [], notices: [] };
  }
  if (!isMap(root)) {
    throw unreadable(reader.line(root), 'an Ansible YAML inventory is a mapping of groups, like "all: { hosts: … }"');
  }
  for (const pair of root.items) {
    const name = reader.key(pair);
    if (name === null) continue;
    reader.group(name, pair, 0);
  }
  return inventoryToResult(reader.inv, reader.problems);
}

class YamlReader {
  readonly problems = new Problems();
  readonly inv = new AnsibleInventory(this.problems);

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  line(node: unknown): number {
    const range = (node as Node | null)?.range;
    return range ? this.lines.linePos(range[0]).line : 1;
  }

  resolve(node: unknown): Node | null {
    let n = node as Node | null | undefined;
    for (let hops = 0; n && isAlias(n) && hops < 100; hops++) n = n.resolve(this.doc) as Node | undefined;
    return n && !isAlias(n) ? n : null;
  }

  /** The text of a mapping key; complex keys are reported and skipped. */
  key(pair: Pair): string | null {
    const k = this.resolve(pair.key);
    if (k && isScalar(k) && (k.value === '<<' || typeof k.value === 'symbol')) {
      this.problems.noticeOnce('merge', this.line(pair.key), 'YAML merge keys (<<) outside vars are not followed');
      return null;
    }
    if (k && isScalar(k) && k.value !== null && typeof k.value !== 'object') return String(k.value);
    this.problems.error(this.line(pair.key ?? pair.value), 'a key here must be a plain name');
    return null;
  }

  group(name: string, pair: Pair, depth: number): void {
    const line = this.line(pair.key);
    if (depth > maxNesting) {
      this.problems.error(line, `group "${name}" is nested more than ${maxNesting} levels deep`, name);
      return;
    }
    this.inv.group(name, line);
    const body = this.resolve(pair.value);
    if (body === null || (isScalar(body) && body.value === null)) return;
    if (!isMap(body)) {
      this.problems.error(line, `group "${name}" must be a mapping with hosts, vars or children`, name);
      return;
    }
    for (const item of body.items) {
      const key = this.key(item);
      if (key === null) continue;
      if (!groupKeys.has(key)) {
        this.problems.notice(
          this.line(item.key),
          `group "${name}": unexpected key "${key}" skipped (Ansible skips it too)`,
          name,
        );
        continue;
      }
      const value = this.resolve(item.value);
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        this.problems.error(this.line(item.key), `group "${name}": ${key} must be a mapping`, name);
        continue;
      }
      for (const entry of value.items) {
        const entryName = this.key(entry);
        if (entryName === null) continue;
        if (key === 'hosts') this.host(entryName, entry, name);
        else if (key === 'vars') this.inv.setGroupVar(name, entryName, this.varEntry(entry));
        else {
          this.inv.addChild(name, entryName, this.line(entry.key));
          this.group(entryName, entry, depth + 1);
        }
      }
    }
  }

  private host(pattern: string, pair: Pair, group: string): void {
    const line = this.line(pair.key);
    const body = this.resolve(pair.value);
    const vars: [string, VarEntry][] = [];
    if (body !== null && !(isScalar(body) && body.value === null)) {
      if (!isMap(body)) {
        this.problems.error(line, `host "${pattern}" must map to its variables or be empty`, pattern);
        return;
      }
      for (const entry of body.items) {
        const k = this.key(entry);
        if (k !== null) vars.push([k, this.varEntry(entry)]);
      }
    }
    const { host, port } = splitHostPort(pattern);
    if (port !== null) vars.unshift(['ansible_port', { value: port, line }]);
    const expanded = expandHostRange(host);
    if ('problem' in expanded) {
      this.problems.error(line, `${pattern}: ${expanded.problem}`, pattern);
      return;
    }
    for (const name of expanded.names) this.inv.addHost(name, line, group, vars);
  }

  private varEntry(pair: Pair): VarEntry {
    const line = this.line(pair.key);
    const node = pair.value as Node | null;
    let value: unknown = null;
    try {
      value = node ? node.toJS(this.doc, { maxAliasCount }) : null;
    } catch (e) {
      this.problems.error(line, `this value cannot be read: ${(e as Error).message}`);
    }
    return { value, line };
  }
}
