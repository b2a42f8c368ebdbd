import { fingerprintOf } from '../../security/ssh-fingerprint';
import { parseHashed, HASH_MAGIC } from './hashed';
import { blobKeyType, decodeKeyBase64, isKnownKeyType } from './key-blob';
import type { HostPattern, KnownHostEntry, KnownHostsHosts, KnownHostsParseResult } from './types';

/**
 * Parses OpenSSH known_hosts text. Never throws: every line that is not
 * usable lands in `errors` (bad syntax) or `unsupported` (valid but not acted
 * on, like @cert-authority) with its line number, so an import can show the
 * person exactly what was skipped and why.
 */
export function parseKnownHosts(text: string): KnownHostsParseResult {
  const result: KnownHostsParseResult = { entries: [], errors: [], unsupported: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const outcome = parseLine(raw, lineNo);
    if (outcome === null) continue;
    if ('entry' in outcome) result.entries.push(outcome.entry);
    else if ('unsupported' in outcome) result.unsupported.push({ line: lineNo, message: outcome.unsupported });
    else result.errors.push({ line: lineNo, message: outcome.error });
  }
  return result;
}

type LineOutcome = null | { entry: KnownHostEntry } | { error: string } | { unsupported: string };

function parseLine(raw: string, line: number): LineOutcome {
  const cur = new Cursor(raw);
  cur.skipSpace();
  if (cur.done() || cur.peek() === '#') return null;

  let marker: KnownHostEntry['marker'] = null;
  let first = cur.token();
  if (first.startsWith('@')) {
    if (first === '@cert-authority') {
      return {
        unsupported: '@cert-authority lines (SSH host certificates) are not supported; this CA was not imported',
      };
    }
    if (first !== '@revoked') return { error: `unknown marker "${first}" (expected @revoked or @cert-authority)` };
    marker = 'revoked';
    first = cur.token();
  }
  const hostField = first;
  const keyType = cur.token();
  const keyBase64 = cur.token();
  if (!hostField || !keyType || !keyBase64) {
    return { error: 'expected host patterns, a key type and a base64 key' };
  }
  const comment = cur.rest();

  const hosts = parseHosts(hostField);
  if (typeof hosts === 'string') return { error: hosts };
  if (/^\d+$/.test(keyType)) return { error: 'SSH protocol 1 RSA keys (bits exponent modulus) are not supported' };
  if (!isKnownKeyType(keyType)) return { error: `unknown key type "${clip(keyType)}"` };
  const blob = decodeKeyBase64(keyBase64);
  if (!blob) return { error: 'the key is not valid base64' };
  const inner = blobKeyType(blob);
  if (inner !== keyType) {
    return { error: `the key says it is "${clip(inner ?? 'unreadable')}" but the line says "${keyType}"` };
  }
  return { entry: { line, marker, hosts, keyType, keyBase64, fingerprint: fingerprintOf(blob), comment } };
}

function parseHosts(field: string): KnownHostsHosts | string {
  if (field.startsWith(HASH_MAGIC)) {
    const h = parseHashed(field);
    return typeof h === 'string' ? h : { hashed: h };
  }
  if (field.startsWith('|')) return 'unsupported hashed host format (only |1| exists)';
  const patterns: HostPattern[] = [];
  for (const part of field.split(',')) {
    const negated = part.startsWith('!');
    const pattern = negated ? part.slice(1) : part;
    const problem = patternProblem(pattern);
    if (problem) return problem;
    patterns.push({ pattern, negated });
  }
  return patterns;
}

/** Shared with the serializer so both sides agree on what a pattern may be. */
export function patternProblem(pattern: string): string | null {
  if (pattern === '') return 'empty host pattern';
  if (/[\s,]/.test(pattern) || pattern.startsWith('!'))
    return `host pattern "${clip(pattern)}" has a space, comma or "!"`;
  if (pattern.startsWith('[') && !/^\[[^[\]]+\]:[0-9*?]+$/.test(pattern)) {
    return `host pattern "${clip(pattern)}" must look like [host]:port`;
  }
  return null;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Splits on spaces and tabs only, as OpenSSH does. */
class Cursor {
  private i = 0;
  constructor(private readonly s: string) {}
  done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i];
  }
  skipSpace(): void {
    while (this.i < this.s.length && (this.s[this.i] === ' ' || this.s[this.i] === '\t')) this.i++;
  }
  token(): string {
    this.skipSpace();
    const start = this.i;
    while (this.i < this.s.length && this.s[this.i] !== ' ' && this.s[this.i] !== '\t') this.i++;
    return this.s.slice(start, this.i);
  }
  rest(): string {
    this.skipSpace();
    return this.s.slice(this.i).replace(/[ \t]+$/, '');
  }
}
