import { z } from 'zod';
import { ciRef } from './cmdb-model';
import { epochMs } from './common';
import { mutation, noInput, query, topic } from './define';

/** A host CI the agentless SSH collector scrapes. */
export const collectorTarget = z.object({
  ci: ciRef,
  enabled: z.boolean(),
  intervalSec: z.number().int(),
  /** 'stale': the last scrape failed; its series end there instead of dropping to zero */
  state: z.enum(['waiting', 'ok', 'stale', 'disabled']),
  lastScrapeAt: epochMs.nullable(),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  /** parser notes from the last scrape (a malformed /proc line), not failures */
  problems: z.array(z.string()),
  seriesCount: z.number().int().nonnegative(),
});
export type CollectorTarget = z.infer<typeof collectorTarget>;

export const localStoreStats = z.object({
  series: z.number().int().nonnegative(),
  samples: z.number().int().nonnegative(),
  chunkBytes: z.number().int().nonnegative(),
  bytesPerSample: z.number().nullable(),
  oldestMs: epochMs.nullable(),
  newestMs: epochMs.nullable(),
  rollups: z.array(z.object({ resolution: z.string(), buckets: z.number().int().nonnegative() })),
  retention: z.object({ rawDays: z.number(), rollup1mDays: z.number(), rollup1hDays: z.number() }),
});

export const monitoringCollectorApi = {
  'monitoring.collector.list': query({
    summary: 'Hosts the SSH collector scrapes, with their last scrape',
    input: noInput,
    output: z.array(collectorTarget),
  }),
  'monitoring.collector.set': mutation({
    summary: 'Start or stop collecting from host CIs over SSH (interval in seconds, default 15)',
    input: z
      .object({
        ciIds: z.array(z.string().min(1)).min(1).max(5000),
        enabled: z.boolean(),
        intervalSec: z.number().int().min(5).max(3600).default(15),
      })
      .strict(),
    output: z.array(collectorTarget),
    auditTarget: (i) => (i.ciIds.length === 1 ? `ci:${i.ciIds[0]}` : `${i.ciIds.length} hosts`),
  }),
  'monitoring.collector.scrapeNow': mutation({
    summary: 'Scrape these hosts once, now (all enabled hosts when none are named)',
    input: z.object({ ciIds: z.array(z.string().min(1)).max(5000).default([]) }).strict(),
    output: z.array(collectorTarget),
  }),
  'monitoring.local.stats': query({
    summary: 'Size and reach of the workspace’s own time series',
    input: noInput,
    output: localStoreStats,
  }),
};

export const monitoringCollectorTopics = {
  'monitoring.collector.scraped': topic({
    summary: 'A host was scraped (or failed to be)',
    payload: collectorTarget,
  }),
};
