import { hashedMatches } from './hashed';
import { isHashed, type HostPattern, type KnownHostsHosts } from './types';

/**
 * The string OpenSSH looks up for a host: the bare name on port 22, otherwise
 * `[host]:port`. Lowercased, because ssh lowercases host names before lookup.
 */
export function hostString(host: string, port = 22): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/**
 * OpenSSH's match_pattern: `*` is any run of characters, `?` exactly one,
 * case-insensitive for host names. Iterative with single-star backtracking so
 * hostile patterns like `*a*a*a*a*b` stay linear-ish instead of exponential.
 */
export function matchPattern(subject: string, pattern: string): boolean {
  const s = subject.toLowerCase();
  const p = pattern.toLowerCase();
  let si = 0;
  let pi = 0;
  let starPi = -1;
  let starSi = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === s[si]))) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      starPi = pi++;
      starSi = si;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      si = ++starSi;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * OpenSSH's match_hostname over a pattern list: 1 when a positive pattern
 * matches, -1 when a negated one does (a negation wins over any positive
 * match), 0 when nothing matches.
 */
export function matchPatternList(subject: string, patterns: HostPattern[]): 1 | 0 | -1 {
  let found: 1 | 0 = 0;
  for (const p of patterns) {
    if (!matchPattern(subject, p.pattern)) continue;
    if (p.negated) return -1;
    found = 1;
  }
  return found;
}

/** Whether a known_hosts host field (plain or hashed) applies to host:port. */
export function hostsMatch(hosts: KnownHostsHosts, host: string, port = 22): boolean {
  const subject = hostString(host, port);
  if (isHashed(hosts)) return hashedMatches(hosts.hashed, subject);
  return matchPatternList(subject, hosts) === 1;
}
