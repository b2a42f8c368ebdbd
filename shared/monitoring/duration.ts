import { OpsError } from '../api/errors';

/**
 * Prometheus duration syntax (model.ParseDuration): one or more `<int><unit>`
 * terms, units strictly from largest to smallest, each at most once —
 * `15m`, `1h30m`, `30d`, `1y2w`, `500ms`. A year is 365 days and a week 7,
 * as in Prometheus; there are no months. We accept the same strings so a
 * range typed in Opsroom means exactly what it means in PromQL.
 */
const unitMs: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};
const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

const termRe = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Milliseconds in a duration; throws OpsError('bad_input') naming the problem. */
export function parseDuration(text: string): number {
  if (typeof text !== 'string' || text.length === 0) {
    throw new OpsError('bad_input', 'A duration is empty; write it like 15m, 1h30m or 30d.');
  }
  if (text.length > 64) {
    throw new OpsError('bad_input', 'A duration is too long to be real.', { text: text.slice(0, 64) });
  }
  let pos = 0;
  let total = 0;
  let lastUnit = -1;
  while (pos < text.length) {
    termRe.lastIndex = pos;
    const m = termRe.exec(text);
    if (!m) {
      throw new OpsError(
        'bad_input',
        `"${text}" is not a duration; write it like 15m, 1h30m or 30d (units y w d h m s ms).`,
        { text, at: pos },
      );
    }
    const unit = unitOrder.indexOf(m[2]);
    if (unit <= lastUnit) {
      throw new OpsError('bad_input', `"${text}" repeats a unit or lists units out of order (largest first).`, {
        text,
      });
    }
    lastUnit = unit;
    total += Number(m[1]) * unitMs[m[2]];
    pos = termRe.lastIndex;
  }
  if (!Number.isSafeInteger(total)) {
    throw new OpsError('bad_input', `"${text}" is too long a duration.`, { text });
  }
  return total;
}

/** The shortest Prometheus spelling of a duration (0 → "0s"), for labels and queries. */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new OpsError('bad_input', `Cannot spell ${ms} ms as a duration.`);
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const u of unitOrder) {
    const n = Math.floor(rest / unitMs[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * unitMs[u];
    }
  }
  return out;
}
