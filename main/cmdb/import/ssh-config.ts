import { jumpFromSshArgs, parseHop } from './ansible-jump';
import { Problems } from './problems';
import { readEntries, type Entry, type SshConfigOptions } from './ssh-config-read';
import { expandTokens } from './ssh-tokens';
import type { ImportRecord, ParseResult } from './types';
import { parsePort, recordProblem } from './values';

interface Pattern {
  text: string;
  negated: boolean;
  regex: RegExp;
}

interface Block {
  kind: 'global' | 'host' | 'match';
  patterns: Pattern[];
  entries: Entry[];
}

interface Draft {
  record: ImportRecord;
  failed: boolean;
}

/** Options known to ssh that have no place in the CMDB; each is mentioned once. */
const unsupported = new Set(
  [
    'LocalForward',
    'RemoteForward',
    'DynamicForward',
    'CertificateFile',
    'ForwardAgent',
    'ForwardX11',
    'ControlMaster',
    'ControlPath',
    'ControlPersist',
    'LocalCommand',
    'PermitLocalCommand',
    'RemoteCommand',
    'KnownHostsCommand',
    'IdentityAgent',
    'PKCS11Provider',
    'SecurityKeyProvider',
    'SetEnv',
    'SendEnv',
    'StrictHostKeyChecking',
    'UserKnownHostsFile',
    'CanonicalizeHostname',
    'RequestTTY',
    'HostKeyAlias',
  ].map((k) => k.toLowerCase()),
);

/** OpenSSH client config (~/.ssh/config) → host records; wildcard and Match blocks are reported, not imported. */
export function parseSshConfig(content: string, options: SshConfigOptions): ParseResult {
  const problems = new Problems();
  const blocks = toBlocks(readEntries(content, options, problems), problems);
  const declared = new Map<string, number>();
  for (const b of blocks) {
    if (b.kind !== 'host') continue;
    for (const p of b.patterns)
      if (!p.negated && !/[*?]/.test(p.text) && !declared.has(p.text)) declared.set(p.text, lineOf(b));
  }
  const ctx = new Resolver(blocks, declared, options, problems);
  for (const [name, line] of declared) ctx.host(name, line);
  checkJumpLoops(ctx.drafts, problems);
  const records: ImportRecord[] = [];
  for (const d of ctx.drafts.values()) {
    if (d.failed) continue;
    const problem = recordProblem(d.record);
    if (problem) problems.error(d.record.line, `${d.record.name}: ${problem}`, d.record.name);
    else records.push(d.record);
  }
  return { records, errors: problems.errors, notices: problems.notices };
}

function lineOf(b: Block): number {
  return b.entries[0]?.line ?? 1;
}

function toBlocks(entries: Entry[], problems: Problems): Block[] {
  const blocks: Block[] = [{ kind: 'global', patterns: [], entries: [] }];
  for (const e of entries) {
    if (e.keyword === 'host') {
      if (e.args.length === 0) problems.error(e.line, `${e.where}Host needs at least one name or pattern`);
      const patterns = e.args.map(toPattern);
      const wild = patterns.filter((p) => p.negated || /[*?]/.test(p.text)).map((p) => p.text);
      if (wild.length > 0)
        problems.notice(
          e.line,
          `${e.where}Host ${wild.join(' ')} — wildcard patterns are not imported as hosts; their options apply to the hosts they match`,
        );
      blocks.push({ kind: 'host', patterns, entries: [e] });
    } else if (e.keyword === 'match') {
      problems.notice(
        e.line,
        `${e.where}Match ${e.args.join(' ')} — Match blocks are evaluated at connect time and are not imported`,
      );
      blocks.push({ kind: 'match', patterns: [], entries: [e] });
    } else {
      const current = blocks[blocks.length - 1];
      if (current.kind !== 'match') current.entries.push(e);
    }
  }
  return blocks;
}

function toPattern(text: string): Pattern {
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  const re = body
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return { text, negated, regex: new RegExp(`^${re}$`, 'is') };
}

/** OpenSSH: a negated match excludes the block outright; otherwise one positive match is needed. */
function blockApplies(b: Block, name: string): boolean {
  if (b.kind === 'global') return true;
  if (b.kind === 'match') return false;
  let hit = false;
  for (const p of b.patterns) {
    if (p.regex.test(name)) {
      if (p.negated) return false;
      hit = true;
    }
  }
  return hit;
}

class Resolver {
  readonly drafts = new Map<string, Draft>();
  private byHostName: Map<string, string> | null = null;

  constructor(
    private readonly blocks: Block[],
    private readonly declared: Map<string, number>,
    private readonly options: SshConfigOptions,
    private readonly problems: Problems,
  ) {}

  /** First obtained value wins, in file order, as ssh does. */
  private config(name: string): Map<string, Entry> {
    const out = new Map<string, Entry>();
    for (const b of this.blocks) {
      if (!blockApplies(b, name)) continue;
      for (const e of b.entries) {
        if (e.keyword === 'host' || out.has(e.keyword)) continue;
        if (e.args.length === 0) continue;
        out.set(e.keyword, e);
      }
    }
    return out;
  }

  host(name: string, line: number, hop?: { user: string | null; port: string | null; jumpHost: string | null }): void {
    if (this.drafts.has(name)) return;
    const cfg = this.config(name);
    const record: ImportRecord = { line, type: 'host', name };
    const draft: Draft = { record, failed: false };
    this.drafts.set(name, draft);
    const conn: NonNullable<ImportRecord['connection']> = {};
    const fail = (e: Entry, message: string) => {
      this.problems.error(e.line, `${e.where}${name}: ${message}`, name);
      draft.failed = true;
    };
    for (const e of cfg.values()) {
      if (unsupported.has(e.keyword))
        this.problems.noticeOnce(`kw:${e.keyword}`, e.line, `${e.where}${e.keyword} is not imported into the CMDB`);
    }
    const portEntry = cfg.get('port');
    const portText = hop?.port ?? portEntry?.args[0];
    if (portText !== undefined) {
      const p = parsePort(portText);
      if ('problem' in p) fail(portEntry ?? ({ line, where: '' } as Entry), p.problem);
      else conn.port = p.port;
    }
    const user = hop?.user ?? cfg.get('user')?.args[0];
    if (user !== undefined) conn.user = user;
    const hostNameEntry = cfg.get('hostname');
    let hostName = name;
    if (hostNameEntry) {
      const x = expandTokens(hostNameEntry.args[0], this.tokens(name, name, conn));
      hostName = x.value;
      conn.address = x.value;
      this.noteUnexpanded(hostNameEntry, name, x.unexpanded);
    }
    const idEntry = cfg.get('identityfile');
    if (idEntry && idEntry.args[0].toLowerCase() !== 'none') {
      const x = expandTokens(idEntry.args[0], this.tokens(name, hostName, conn));
      conn.identityFile = x.value;
      this.noteUnexpanded(idEntry, name, x.unexpanded);
    }
    if (hop) {
      if (hop.jumpHost) conn.jumpHost = hop.jumpHost;
    } else this.jump(name, cfg, conn, fail);
    if (Object.keys(conn).length > 0) record.connection = conn;
  }

  private tokens(alias: string, hostName: string, conn: NonNullable<ImportRecord['connection']>) {
    return {
      alias,
      hostName,
      remoteUser: conn.user ?? null,
      port: conn.port ?? 22,
      homeDir: this.options.homeDir ?? null,
    };
  }

  private noteUnexpanded(e: Entry, name: string, tokens: string[]): void {
    if (tokens.length === 0) return;
    this.problems.notice(
      e.line,
      `${e.where}${name}: ${e.keyword} keeps ${tokens.join(' ')} as written (only known when ssh connects)`,
      name,
    );
  }

  private jump(
    name: string,
    cfg: Map<string, Entry>,
    conn: NonNullable<ImportRecord['connection']>,
    fail: (e: Entry, m: string) => void,
  ) {
    const pj = cfg.get('proxyjump');
    if (pj) {
      if (pj.args[0].toLowerCase() === 'none') return;
      const hops = pj.args[0].split(',').map((h) => h.trim());
      if (hops.some((h) => h === '' || h.includes('%'))) {
        this.problems.notice(
          pj.line,
          `${pj.where}${name}: ProxyJump ${pj.args[0]} cannot be resolved here; no jump host set`,
          name,
        );
        return;
      }
      let previous: string | null = null;
      for (const hop of hops) {
        const parsed = parseHop(hop);
        const known = this.knownHost(parsed.host);
        if (known) previous = known;
        else {
          this.host(parsed.host, pj.line, { user: parsed.user, port: parsed.port, jumpHost: previous });
          previous = parsed.host;
        }
      }
      if (previous === name) fail(pj, 'a host cannot be its own jump host');
      else conn.jumpHost = previous;
      return;
    }
    const pc = cfg.get('proxycommand');
    if (pc && pc.args[0].toLowerCase() !== 'none') {
      const target = jumpFromSshArgs(`ProxyCommand=${pc.args.join(' ')}`);
      const known = target ? this.knownHost(target) : null;
      if (known && known !== name) conn.jumpHost = known;
      else
        this.problems.noticeOnce(
          `pc:${pc.line}`,
          pc.line,
          `${pc.where}ProxyCommand is not imported (no declared jump host found in it)`,
        );
    }
  }

  /** A hop names a declared Host alias, or the HostName of one. */
  private knownHost(host: string): string | null {
    if (this.declared.has(host)) return host;
    if (!this.byHostName) {
      this.byHostName = new Map();
      for (const [alias] of this.declared) {
        const hn = this.config(alias).get('hostname')?.args[0];
        if (hn && !this.byHostName.has(hn)) this.byHostName.set(hn, alias);
      }
    }
    return this.byHostName.get(host) ?? (this.drafts.has(host) ? host : null);
  }
}

/** A ProxyJump chain that comes back to where it started can never connect. */
function checkJumpLoops(drafts: Map<string, Draft>, problems: Problems): void {
  for (const d of drafts.values()) {
    const seen = new Set<string>([d.record.name]);
    let next = d.record.connection?.jumpHost ?? null;
    while (next) {
      if (seen.has(next)) {
        if (next === d.record.name) {
          problems.error(d.record.line, `${d.record.name}: its jump host chain loops back to itself`, d.record.name);
          d.failed = true;
        }
        break;
      }
      seen.add(next);
      next = drafts.get(next)?.record.connection?.jumpHost ?? null;
    }
  }
}
