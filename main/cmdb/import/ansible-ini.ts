import { AnsibleInventory, type VarEntry } from './ansible-inventory';
import { inventoryToResult } from './ansible-records';
import { expandHostRange, splitHostPort } from './ansible-ranges';
import { assertText, Problems, splitLines } from './problems';
import { splitWords } from './shell-words';
import type { ParseResult } from './types';
import { typedValue } from './values';

type Section = { kind: 'hosts' | 'vars' | 'children'; group: string } | { kind: 'skip' };

const header = /^\[([^\]]*)\]\s*(?:[#;].*)?$/;

/** Ansible's INI inventory; not plain INI: host lines carry inline variables and ranges. */
export function parseAnsibleIni(content: string): ParseResult {
  assertText(content, 'an Ansible INI inventory');
  const problems = new Problems();
  const inv = new AnsibleInventory(problems);
  let section: Section = { kind: 'hosts', group: 'ungrouped' };
  const lines = splitLines(content);
  for (let idx = 0; idx < lines.length; idx++) {
    const lineNo = idx + 1;
    const line = (idx === 0 ? lines[idx].replace(/^\uFEFF/, '') : lines[idx]).trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      section = readHeader(line, lineNo, inv, problems);
      continue;
    }
    if (section.kind === 'skip') continue;
    if (section.kind === 'hosts') readHostLine(line, lineNo, section.group, inv, problems);
    else if (section.kind === 'vars') readVarLine(line, lineNo, section.group, inv, problems);
    else readChildLine(line, lineNo, section.group, inv, problems);
  }
  return inventoryToResult(inv, problems);
}

function readHeader(line: string, lineNo: number, inv: AnsibleInventory, problems: Problems): Section {
  const m = header.exec(line);
  if (!m) {
    problems.error(
      lineNo,
      `"${line.slice(0, 80)}" is not a section header like [group], [group:vars] or [group:children]`,
    );
    return { kind: 'skip' };
  }
  const inner = m[1].trim();
  const colon = inner.lastIndexOf(':');
  const name = colon >= 0 ? inner.slice(0, colon) : inner;
  const suffix = colon >= 0 ? inner.slice(colon + 1) : '';
  if (name === '' || /\s/.test(name)) {
    problems.error(lineNo, `"${inner}" is not a valid group name (no spaces, not empty)`, name || null);
    return { kind: 'skip' };
  }
  if (colon >= 0 && suffix !== 'vars' && suffix !== 'children') {
    problems.error(lineNo, `section [${inner}]: only :vars and :children may follow a group name`, name);
    return { kind: 'skip' };
  }
  inv.group(name, lineNo);
  return { kind: suffix === 'vars' ? 'vars' : suffix === 'children' ? 'children' : 'hosts', group: name };
}

function readHostLine(line: string, lineNo: number, group: string, inv: AnsibleInventory, problems: Problems): void {
  const split = splitWords(line);
  if ('problem' in split) {
    problems.error(lineNo, `host line: ${split.problem}`);
    return;
  }
  const [first, ...rest] = split.words;
  if (!first) return;
  const vars: [string, VarEntry][] = [];
  for (const w of rest) {
    const eq = w.text.indexOf('=');
    if (eq <= 0) {
      problems.error(lineNo, `${first.text}: "${w.text}" is not a key=value variable`, first.text);
      return;
    }
    const raw = w.text.slice(eq + 1);
    vars.push([w.text.slice(0, eq), { value: w.quoted ? raw : typedValue(raw), line: lineNo }]);
  }
  const { host, port } = splitHostPort(first.text);
  if (port !== null) vars.unshift(['ansible_port', { value: port, line: lineNo }]);
  const expanded = expandHostRange(host);
  if ('problem' in expanded) {
    problems.error(lineNo, `${first.text}: ${expanded.problem}`, first.text);
    return;
  }
  for (const name of expanded.names) inv.addHost(name, lineNo, group, vars);
}

function readVarLine(line: string, lineNo: number, group: string, inv: AnsibleInventory, problems: Problems): void {
  const eq = line.indexOf('=');
  const key = eq > 0 ? line.slice(0, eq).trim() : '';
  if (key === '' || /\s/.test(key)) {
    problems.error(lineNo, `[${group}:vars]: "${line.slice(0, 80)}" is not a key=value line`, group);
    return;
  }
  const raw = line.slice(eq + 1).trim();
  const quoted = /^(["'])(.*)\1$/s.exec(raw);
  inv.setGroupVar(group, key, { value: quoted ? quoted[2] : typedValue(raw), line: lineNo });
}

function readChildLine(line: string, lineNo: number, group: string, inv: AnsibleInventory, problems: Problems): void {
  const split = splitWords(line);
  const words = 'words' in split ? split.words : [];
  if (words.length !== 1 || words[0].text === '') {
    problems.error(lineNo, `[${group}:children] lists one group name per line`, group);
    return;
  }
  inv.addChild(group, words[0].text, lineNo);
}
