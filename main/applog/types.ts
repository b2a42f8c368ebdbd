import type { LogLevel } from '../../shared/api/applog';

export type LogData = Record<string, unknown>;

/** Structured logging: a scope, a message, and data as fields (never secrets). */
export interface Logger {
  debug(msg: string, data?: LogData): void;
  info(msg: string, data?: LogData): void;
  warn(msg: string, data?: LogData): void;
  error(msg: string, data?: LogData): void;
  child(scope: string): Logger;
}

export type { LogLevel };

/** For tests and tools that must not write a log file. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
