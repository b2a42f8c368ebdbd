import { INFO, levelOfWord, levelWordPattern } from './levels';

/**
 * Level and time of a plain-text log line, guessed from the shapes common
 * logs take. A guess never fails: no level found is info, no time found is
 * the pull time.
 */

// Levels are near the start of a line; a long message must not cost a full scan per pattern.
const HEAD = 512;

const syslogPri = /^\s*<(\d{1,3})>/;
// logfmt (level=error), JSON ("level":"error"), key: value
const keyed = new RegExp(
  `(?:^|[\\s{,;"'])(?:level|lvl|severity|loglevel|log_level|levelname)["']?\\s*[=:]\\s*["']?(${levelWordPattern})\\b`,
  'i',
);
// [error]  (warn)  <info>  [core:error]  [ERROR]
const bracketed = new RegExp(`[[(<]\\s*(?:[\\w.-]+:)?(${levelWordPattern})\\s*[\\])>]`, 'i');
// ERROR, WARN, ERRO[0000] — upper case only, so prose ("an error occurred") is not a level
const upper = new RegExp(`(?<![\\w-])(${levelWordPattern.toUpperCase()})(?![\\w-])`);
// "sshd: error: …", "warning: …"
const colon = new RegExp(`(?:^|\\s)(${levelWordPattern}):(?=\\s|$)`, 'i');

export function guessLevel(line: string): number {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const pri = syslogPri.exec(head);
  if (pri && Number(pri[1]) <= 191) return Number(pri[1]) & 7;
  const k = keyed.exec(line.length > 4 * HEAD ? line.slice(0, 4 * HEAD) : line);
  if (k) return levelOfWord(k[1]!) ?? INFO;
  let best: { at: number; level: number } | undefined;
  for (const re of [bracketed, upper, colon]) {
    const m = re.exec(head);
    if (!m) continue;
    const level = levelOfWord(m[1]!);
    if (level !== undefined && (!best || m.index < best.at)) best = { at: m.index, level };
  }
  return best?.level ?? INFO;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// After an optional syslog <PRI> (and RFC 5424's version "1 ") and an optional "[".
const prefix = String.raw`^\s*(?:<\d{1,3}>(?:1 )?)?\[?`;
const isoRe = new RegExp(
  prefix +
    String.raw`(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:(Z)|\s?([+-])(\d{2}):?(\d{2})(?!\d))?`,
);
const syslogRe = new RegExp(
  prefix + String.raw`([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\b`,
);

const DAY = 86_400_000;

export interface TimeContext {
  /** the pull time, epoch ms: the answer when the line has no time */
  nowMs: number;
  /** the host's UTC offset in minutes (`date +%z`), for times written without a zone */
  offsetMin: number;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0);
  // Date.UTC rolls Feb 31 over into March: a date that does not exist is no date.
  return new Date(ms).getUTCDate() === d ? ms : NaN;
}

/**
 * A leading ISO 8601 / RFC 3339 time (also "2024/01/02 03:04:05" as nginx
 * and Go write it), or a syslog "Nov  7 12:00:01" (no year: the most recent
 * such date not after tomorrow). Zone-less times are in the host's zone. A
 * time more than a day in the future is a misread, so the pull time wins.
 */
export function guessTime(line: string, ctx: TimeContext): number {
  const iso = isoRe.exec(line);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = iso;
    let ms = utc(+y!, +mo!, +d!, +h!, +mi!, +s!, frac);
    if (z) {
      // already UTC
    } else if (sign) {
      ms -= (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!) * 60_000;
    } else {
      ms -= ctx.offsetMin * 60_000;
    }
    return Number.isFinite(ms) && ms <= ctx.nowMs + DAY && ms >= 0 ? ms : ctx.nowMs;
  }
  const sys = syslogRe.exec(line);
  if (sys) {
    const [, mon, d, h, mi, s, frac] = sys;
    const mo = months.indexOf(mon!.toLowerCase()) + 1;
    if (mo === 0) return ctx.nowMs;
    const year = new Date(ctx.nowMs + ctx.offsetMin * 60_000).getUTCFullYear();
    for (const y of [year, year - 1]) {
      const ms = utc(y, mo, +d!, +h!, +mi!, +s!, frac) - ctx.offsetMin * 60_000;
      if (Number.isFinite(ms) && ms <= ctx.nowMs + DAY) return ms;
    }
  }
  return ctx.nowMs;
}

/** `date +%z` ("+0130", "-0500") to minutes; anything else is UTC. */
export function parseUtcOffset(text: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m) return 0;
  const min = +m[2]! * 60 + +m[3]!;
  return min > 18 * 60 ? 0 : m[1] === '-' ? -min : min;
}
