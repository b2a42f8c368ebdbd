import { formatF, formatG } from './go-format';

/**
 * Go's fmt.Sprintf for the verbs alert annotations use (%s %v %d %f %g %e %q
 * %%, with flags, width and precision). Mismatches print the way Go prints
 * them (%!d(string=x), %!s(MISSING)) instead of failing, as in Prometheus.
 */

const verbRe = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/g;

type Arg = string | number;

const goType = (a: Arg) => (typeof a === 'number' ? 'float64' : 'string');

function formatE(v: number, prec: number): string {
  if (!Number.isFinite(v)) return formatG(v);
  const s = v.toExponential(Math.min(100, prec));
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function one(verb: string, prec: number | null, a: Arg): string {
  const bad = () => `%!${verb}(${goType(a)}=${typeof a === 'number' ? formatG(a) : a})`;
  switch (verb) {
    case 's':
    case 'v':
      if (typeof a === 'number') return verb === 's' ? bad() : formatG(a);
      return prec === null ? a : a.slice(0, prec);
    case 'q':
      return typeof a === 'string' ? JSON.stringify(a) : bad();
    case 'd':
      return typeof a === 'number' && Number.isInteger(a) ? String(a) : bad();
    case 'f':
    case 'F':
      return typeof a === 'number' ? formatF(a, prec ?? 6) : bad();
    case 'g':
    case 'G':
      return typeof a === 'number' ? formatG(a, prec) : bad();
    case 'e':
    case 'E':
      return typeof a === 'number' ? formatE(a, prec ?? 6) : bad();
    default:
      return `%!${verb}(${goType(a)}=${typeof a === 'number' ? formatG(a) : a})`;
  }
}

function pad(s: string, flags: string, width: number | null, numeric: boolean): string {
  if (width === null || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0') && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

export function sprintf(format: string, args: readonly Arg[]): string {
  let i = 0;
  const out = format.replace(verbRe, (_m, flags: string, w?: string, p?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    const prec = p === undefined ? null : p === '' ? 0 : Number(p);
    let s = one(verb!, prec, a);
    if (flags.includes('+') && typeof a === 'number' && !s.startsWith('-') && !s.startsWith('%')) s = `+${s}`;
    return pad(s, flags, w === undefined ? null : Number(w), typeof a === 'number');
  });
  if (i < args.length) {
    const extra = args.slice(i).map((a) => `${goType(a)}=${typeof a === 'number' ? formatG(a) : a}`);
    return `${out}%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
