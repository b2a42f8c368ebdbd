import { type AppLogLine, type LogLevel, logLevels } from '../../../shared/api/applog';

/** Same rule as applog.tail: at least minLevel, and text found in scope or message. */
export function logLineMatches(l: AppLogLine, minLevel: LogLevel, text: string): boolean {
  if (logLevels.indexOf(l.level) < logLevels.indexOf(minLevel)) return false;
  const t = text.trim().toLowerCase();
  return !t || l.scope.toLowerCase().includes(t) || l.msg.toLowerCase().includes(t);
}

export const maxLogLines = 5000;

export function appendCapped<T>(lines: T[], line: T, cap = maxLogLines): T[] {
  const next = lines.length >= cap ? lines.slice(lines.length - cap + 1) : lines.slice();
  next.push(line);
  return next;
}
