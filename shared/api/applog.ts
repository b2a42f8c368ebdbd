import { z } from 'zod';
import { epochMs, pageLimit } from './common';
import { query, topic } from './define';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export const appLogLine = z.object({
  time: epochMs,
  level: z.enum(logLevels),
  scope: z.string(),
  msg: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type AppLogLine = z.infer<typeof appLogLine>;

export const applogApi = {
  'applog.tail': query({
    summary: "The main process's most recent structured log lines",
    input: z
      .object({
        limit: pageLimit(5000, 500),
        minLevel: z.enum(logLevels).default('debug'),
        /** substring over scope and message */
        text: z.string().max(200).optional(),
      })
      .strict()
      .default({ limit: 500, minLevel: 'debug' }),
    output: z.object({ lines: z.array(appLogLine), file: z.string() }),
  }),
};

export const applogTopics = {
  'applog.line': topic({ summary: 'The main process wrote a log line', payload: appLogLine }),
};
