/**
 * Numbers spelled as Prometheus's Go templates spell them, so an annotation
 * reads the same here as in Prometheus: `{{ $value }}` is Go's %v of a
 * float64 (1e+06, 0.25, 1.6777216e+07) and the humanize functions use %.4g.
 */

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return null;
}

/** Go's %g: `prec` significant digits (null = the shortest that round-trips, as %v). */
export function formatG(v: number, prec: number | null = null): string {
  const sp = special(v);
  if (sp) return sp;
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const abs = Math.abs(v);
  const p = prec === null ? null : Math.max(1, prec);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(p === null ? abs.toExponential() : abs.toExponential(p - 1));
  if (!m) return String(v);
  const digits = (m[1] + (m[2] ?? '')).replace(/0+$/, '') || '0';
  const exp = abs === 0 ? 0 : Number(m[3]);
  // Go switches to %e when the exponent is < -4 or >= the precision (6 for the shortest form).
  const eprec = p ?? 6;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go's %.Nf (Inf and NaN as Go prints them). */
export function formatF(v: number, decimals: number): string {
  return special(v) ?? v.toFixed(Math.min(100, Math.max(0, decimals)));
}

/** Prometheus humanize: SI prefixes, 4 significant digits (1234567 → 1.235M, 0.0012 → 1.2m). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return formatG(v, 4);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return formatG(v, 4) + prefix;
  }
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return formatG(v, 4) + prefix;
}

/** Prometheus humanize1024: binary prefixes (1536 → 1.5ki). */
export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatG(v, 4);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return formatG(v, 4) + prefix;
}

/** Prometheus humanizePercentage: 0.1234 → 12.34%. */
export function humanizePercentage(v: number): string {
  return `${formatG(v * 100, 4)}%`;
}

/** Prometheus humanizeDuration: seconds → "1d 2h 3m 4s", "1.5s", "250ms". */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return formatG(v, 4);
  if (v === 0) return `${formatG(v, 4)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const total = Math.trunc(a);
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG(a, 4)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatG(v, 4)}${prefix}s`;
}
