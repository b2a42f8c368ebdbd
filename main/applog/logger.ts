import type { AppLogLine, LogLevel } from '../../shared/api/applog';
import type { Clock } from '../clock';
import type { EventBus } from '../rpc/events';
import { sanitize } from './redact';
import { RotatingFile } from './rotating-file';
import { levelRank, tailFiles, type TailOptions } from './tail';
import type { LogData, Logger } from './types';

export interface AppLogger extends Logger {
  readonly file: string;
  setLevel(level: LogLevel): void;
  tail(opts: TailOptions): AppLogLine[];
  close(): Promise<void>;
}

export interface AppLoggerOptions {
  dir: string;
  clock: Clock;
  bus?: EventBus;
  /** also write a short human line to stderr */
  echo?: boolean;
  level?: LogLevel;
  /** size at which opsroom.log rolls over; default 5 MiB */
  maxBytes?: number;
  /** opsroom.log plus rotated files kept; default 5 */
  maxFiles?: number;
}

function humanTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** The main process's structured log: JSON lines in a rotating file, live on the bus. */
export function createAppLogger(opts: AppLoggerOptions): AppLogger {
  const out = new RotatingFile(opts.dir, 'opsroom', opts.maxBytes ?? 5 * 1024 * 1024, Math.max(1, opts.maxFiles ?? 5));
  let minRank = levelRank(opts.level ?? 'info');

  function write(level: LogLevel, scope: string, msg: string, data?: LogData): void {
    if (levelRank(level) < minRank) return;
    const line: AppLogLine = { time: opts.clock.now(), level, scope, msg };
    if (data !== undefined) line.data = sanitize(data) as Record<string, unknown>;
    let json: string;
    try {
      json = JSON.stringify(line);
    } catch {
      json = JSON.stringify({ ...line, data: { unserialisable: true } });
    }
    try {
      out.write(`${json}\n`);
    } catch (err) {
      // A full disk must not take the app down with it; say so where someone may see it.
      process.stderr.write(`opsroom: cannot write log ${out.file}: ${String(err)}\n`);
    }
    if (opts.echo) {
      const extra = line.data ? ` ${JSON.stringify(line.data)}` : '';
      process.stderr.write(`${humanTime(line.time)} ${level.toUpperCase().padEnd(5)} ${scope}: ${msg}${extra}\n`);
    }
    opts.bus?.publish('applog.line', line);
  }

  function scoped(scope: string): Logger {
    return {
      debug: (msg, data) => write('debug', scope, msg, data),
      info: (msg, data) => write('info', scope, msg, data),
      warn: (msg, data) => write('warn', scope, msg, data),
      error: (msg, data) => write('error', scope, msg, data),
      child: (s) => scoped(s),
    };
  }

  return {
    ...scoped('app'),
    file: out.file,
    setLevel(level) {
      minRank = levelRank(level);
    },
    tail(tailOpts) {
      return tailFiles(out.files(), tailOpts);
    },
    async close() {
      out.close();
    },
  };
}
