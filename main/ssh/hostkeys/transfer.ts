import { formatHashed, parseHashed, HASH_MAGIC } from '../known-hosts/hashed';
import { hostString } from '../known-hosts/matcher';
import { parseKnownHosts } from '../known-hosts/parser';
import { serializeKnownHosts } from '../known-hosts/serializer';
import type { KnownHostsLineInput, KnownHostsLineProblem } from '../known-hosts/types';
import { isHashed } from '../known-hosts/types';
import type { KnownHostsStore } from './store';
import type { KnownHostRow } from './types';

export interface ImportReport {
  imported: number;
  skipped: number;
  revoked: number;
  errors: KnownHostsLineProblem[];
  unsupported: KnownHostsLineProblem[];
}

/** Port stored for hashed rows: the port is inside the hash, matching recomputes it. */
export const HASHED_PORT = 0;

/**
 * Imports OpenSSH known_hosts text. Each plain host name becomes its own row
 * (`[host]:port` gives the port); hashed `|1|` lines are kept hashed, since
 * the name cannot be recovered; @revoked lines are stored revoked. Wildcards
 * and negations are reported, not guessed at: trust must name a host.
 */
export function importKnownHosts(
  store: KnownHostsStore,
  content: string,
  by: { actor: string; now: number },
): ImportReport {
  const parsed = parseKnownHosts(content);
  const report: ImportReport = {
    imported: 0,
    skipped: 0,
    revoked: 0,
    errors: parsed.errors,
    unsupported: [...parsed.unsupported],
  };
  store.transaction(() => {
    for (const e of parsed.entries) {
      const targets: { host: string; port: number }[] = [];
      if (isHashed(e.hosts)) {
        targets.push({ host: formatHashed(e.hosts.hashed), port: HASHED_PORT });
      } else {
        for (const p of e.hosts) {
          // A revocation is honoured by key wherever it appears (verdictFor checks it for every host),
          // so a revoked line's pattern is kept as written, wildcards included.
          if (e.marker === 'revoked' && !p.negated) {
            targets.push({ host: p.pattern.toLowerCase(), port: 22 });
            continue;
          }
          if (p.negated || /[*?]/.test(p.pattern)) {
            report.unsupported.push({
              line: e.line,
              message: `host pattern "${p.negated ? '!' : ''}${p.pattern}" (wildcards and negations are not imported; add the hosts by name)`,
            });
            continue;
          }
          const m = /^\[([^\]]+)\]:(\d+)$/.exec(p.pattern);
          const port = m ? Number(m[2]) : 22;
          if (m && (port < 1 || port > 65535)) {
            report.errors.push({ line: e.line, message: `port ${m[2]} is not a TCP port` });
            continue;
          }
          targets.push({ host: (m ? m[1]! : p.pattern).toLowerCase(), port });
        }
      }
      for (const t of targets) {
        const { created, row } = store.insert({
          host: t.host,
          port: t.port,
          key_type: e.keyType,
          key_blob: e.keyBase64,
          fingerprint: e.fingerprint,
          accepted_by: by.actor,
          accepted_at: by.now,
          source: 'import',
          revoked: e.marker === 'revoked' ? 1 : 0,
          comment: e.comment,
        });
        if (e.marker === 'revoked' && row.revoked) report.revoked++;
        if (created) report.imported++;
        else report.skipped++;
      }
    }
  });
  report.unsupported.sort((a, b) => a.line - b.line);
  return report;
}

/** The rows as known_hosts text; with `hashed`, names are written as `|1|` hashes like `ssh-keygen -H`. */
export function exportKnownHosts(rows: KnownHostRow[], hashed: boolean): { content: string; count: number } {
  const entries: KnownHostsLineInput[] = [];
  for (const r of rows) {
    const h = r.host.startsWith(HASH_MAGIC) ? parseHashed(r.host) : null;
    if (typeof h === 'string') continue; // cannot happen for rows we wrote; never emit a broken line
    entries.push({
      marker: r.revoked ? 'revoked' : null,
      hosts: h ? { hashed: h } : [{ pattern: hostString(r.host, r.port), negated: false }],
      keyType: r.key_type,
      keyBase64: r.key_blob,
      comment: r.comment.replace(/[\r\n]+/g, ' ').trim(),
    });
  }
  return { content: serializeKnownHosts(entries, { hash: hashed }), count: entries.length };
}
