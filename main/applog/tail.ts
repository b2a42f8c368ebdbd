import fs from 'node:fs';
import { appLogLine, logLevels, type AppLogLine, type LogLevel } from '../../shared/api/applog';

export interface TailOptions {
  limit: number;
  minLevel: LogLevel;
  /** case-insensitive substring of scope + ' ' + msg */
  text?: string;
}

export function levelRank(level: LogLevel): number {
  return logLevels.indexOf(level);
}

function parseLine(raw: string): AppLogLine | undefined {
  if (!raw.trim()) return undefined;
  try {
    const parsed = appLogLine.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The newest matching lines across the current file and, when it does not
 * hold enough, the rotated ones. Files are small (maxBytes each), so reading
 * one whole is simpler and fast enough. Returns oldest → newest.
 */
export function tailFiles(filesNewestFirst: string[], opts: TailOptions): AppLogLine[] {
  const min = levelRank(opts.minLevel);
  const needle = opts.text?.toLowerCase();
  const picked: AppLogLine[] = [];
  for (const file of filesNewestFirst) {
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // rotated away between listing and reading
    }
    const rows = content.split('\n');
    for (let i = rows.length - 1; i >= 0 && picked.length < opts.limit; i--) {
      const line = parseLine(rows[i]!);
      if (!line || levelRank(line.level) < min) continue;
      if (needle && !`${line.scope} ${line.msg}`.toLowerCase().includes(needle)) continue;
      picked.push(line);
    }
    if (picked.length >= opts.limit) break;
  }
  return picked.reverse();
}
