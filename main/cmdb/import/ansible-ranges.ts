/** Ansible refuses nothing here, but a typo like [1:999999] must not eat the machine. */
export const maxExpandedHosts = 10_000;

const rangePart = /\[([^\]]*)\]/;

/** True when the host pattern contains a [x:y] range (Ansible's detect_range). */
export function hasRange(pattern: string): boolean {
  const m = rangePart.exec(pattern);
  return m !== null && m[1].includes(':');
}

/**
 * Expands Ansible host ranges: web[01:20].example.com, db-[a:c], [1:10:2], several
 * ranges multiply. Returns the names or the reason the pattern is refused.
 */
export function expandHostRange(pattern: string, cap = maxExpandedHosts): { names: string[] } | { problem: string } {
  const m = rangePart.exec(pattern);
  if (!m || !m[1].includes(':')) return { names: [pattern] };
  const head = pattern.slice(0, m.index);
  const tail = pattern.slice(m.index + m[0].length);
  const values = rangeValues(m[1]);
  if ('problem' in values) return values;
  const rest = expandHostRange(tail, Math.max(1, Math.floor(cap / Math.max(values.seq.length, 1))));
  if ('problem' in rest) return rest;
  if (values.seq.length * rest.names.length > cap)
    return { problem: `the range expands to more than ${cap.toLocaleString('en-US')} hosts` };
  const names: string[] = [];
  for (const v of values.seq) for (const r of rest.names) names.push(head + v + r);
  return { names };
}

function rangeValues(spec: string): { seq: string[] } | { problem: string } {
  const parts = spec.split(':');
  if (parts.length > 3) return { problem: `range [${spec}] has too many ':' (use [start:end] or [start:end:step])` };
  const [beg, end, stepText] = parts;
  const step = stepText === undefined || stepText === '' ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) return { problem: `range [${spec}] has an invalid step` };
  if (end === '') return { problem: `range [${spec}] has no end` };
  if (/^[a-zA-Z]$/.test(end) && (beg === '' || /^[a-zA-Z]$/.test(beg))) {
    const from = (beg || 'a').charCodeAt(0);
    const to = end.charCodeAt(0);
    if (from > to) return { problem: `range [${spec}] starts after it ends` };
    const seq: string[] = [];
    for (let c = from; c <= to; c += step) seq.push(String.fromCharCode(c));
    return { seq };
  }
  const b = beg === '' ? '0' : beg;
  if (!/^\d{1,9}$/.test(b) || !/^\d{1,9}$/.test(end))
    return { problem: `range [${spec}] must be numeric ([01:20]) or single letters ([a:c])` };
  const padded = b.length > 1 && b.startsWith('0');
  if (padded && b.length !== end.length)
    return { problem: `range [${spec}]: zero-padded start and end must have the same width` };
  const from = Number(b);
  const to = Number(end);
  if (from > to) return { problem: `range [${spec}] starts after it ends` };
  if ((to - from) / step + 1 > maxExpandedHosts)
    return { problem: `the range expands to more than ${maxExpandedHosts.toLocaleString('en-US')} hosts` };
  const seq: string[] = [];
  for (let i = from; i <= to; i += step) seq.push(padded ? String(i).padStart(b.length, '0') : String(i));
  return { seq };
}

/** Ansible reads "host:2222" as a host with a port; colons inside [x:y] ranges or IPv6 literals do not count. */
export function splitHostPort(pattern: string): { host: string; port: string | null } {
  const outside = pattern.replace(/\[[^\]]*\]/g, '[]');
  if (!/^[^:]+:\d+$/.test(outside)) return { host: pattern, port: null };
  const at = pattern.lastIndexOf(':');
  let host = pattern.slice(0, at);
  if (/^\[[^\]]*:[^\]]*\]$/.test(host)) host = host.slice(1, -1);
  return { host, port: pattern.slice(at + 1) };
}
