import { logLevels, type LogLevel } from '../../../shared/api/monitoring-logs';

/**
 * Levels are syslog priorities (RFC 5424): 0 emerg … 7 debug. They are stored
 * as the number, so "this level and more severe" is `level <= n`.
 */
export function levelNumber(level: LogLevel): number {
  return logLevels.indexOf(level);
}

export function levelName(n: number): LogLevel {
  return logLevels[n] ?? 'info';
}

/** A journal PRIORITY field ("0"…"7") to a level number; anything else is info. */
export function priorityToLevel(p: unknown): number {
  const s = typeof p === 'number' ? String(p) : typeof p === 'string' ? p.trim() : '';
  return /^[0-7]$/.test(s) ? Number(s) : INFO;
}

export const INFO = 6;

/**
 * Words that name a level in application logs, to the syslog number. FATAL
 * and PANIC are the "process is going down" levels of most frameworks (Go,
 * log4j, Postgres), which syslog calls crit and emerg; the four-letter forms
 * (ERRO, WARN, DEBU, FATA…) are logrus's terminal format.
 */
const words: Record<string, number> = {
  emerg: 0,
  emergency: 0,
  panic: 0,
  pani: 0,
  alert: 1,
  fatal: 2,
  fata: 2,
  crit: 2,
  critical: 2,
  err: 3,
  erro: 3,
  error: 3,
  severe: 3,
  warn: 4,
  warning: 4,
  notice: 5,
  info: 6,
  informational: 6,
  debug: 7,
  debu: 7,
  trace: 7,
  trac: 7,
};

export function levelOfWord(word: string): number | undefined {
  return words[word.toLowerCase()];
}

export const levelWordPattern = Object.keys(words)
  .sort((a, b) => b.length - a.length)
  .join('|');
