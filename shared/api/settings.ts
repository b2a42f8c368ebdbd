import { z } from 'zod';
import { mutation, noInput, query } from './define';

/**
 * Every setting, its type and its default, in one place. Stored per workspace;
 * a stored value that no longer parses falls back to the default (and is logged).
 */
export const settingsSchema = z.object({
  'ui.theme': z.enum(['system', 'light', 'dark']).default('system'),
  'ui.density': z.enum(['comfortable', 'compact']).default('comfortable'),
  'workspace.snapshotIntervalMinutes': z.number().int().min(0).max(10080).default(360),
  'workspace.snapshotKeep': z.number().int().min(1).max(200).default(10),
  'log.level': z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  'jobs.keepFinished': z.number().int().min(10).max(100000).default(1000),
  /** lock the vault after this many minutes without a vault operation; 0 = never */
  'vault.autoLockMinutes': z.number().int().min(0).max(1440).default(15),
  /** ask before bulk edits or deletes touching more than this many CIs */
  'cmdb.confirmBulkOver': z.number().int().min(1).max(100000).default(1),
  /** ask before a batch run (command, push, fetch) on more than this many hosts; production hosts always ask */
  'ssh.confirmOver': z.number().int().min(1).max(100000).default(10),
  /** SSH handshakes in flight through one jump host (or directly), kept under sshd's MaxStartups */
  'ssh.maxHandshakesPerJump': z.number().int().min(1).max(200).default(10),
  /** local series: raw samples kept this many days, then only rollups */
  'monitoring.retentionRawDays': z.number().int().min(1).max(3650).default(15),
  /** local series: 1-minute min/max/avg rollups kept this many days */
  'monitoring.retention1mDays': z.number().int().min(1).max(3650).default(90),
  /** local series: 1-hour rollups kept this many days */
  'monitoring.retention1hDays': z.number().int().min(1).max(3650).default(730),
  /** pulled log lines kept this many days */
  'monitoring.logsRetentionDays': z.number().int().min(1).max(3650).default(14),
  /** alert transitions, and silences this long after they ended, kept this many days */
  'monitoring.alertHistoryDays': z.number().int().min(1).max(3650).default(90),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

type SettingsShape = typeof settingsSchema.shape;
/**
 * The same keys without their defaults: `settingsSchema.partial()` would fill
 * every key left out with its default, so a one-key update would reset the rest.
 */
const settingsPatch = z.object(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([k, s]) => [k, s.unwrap().optional()])) as {
    [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>>;
  },
);

export const settingsApi = {
  'settings.get': query({
    summary: 'All settings with their current values',
    input: noInput,
    output: settingsSchema,
  }),
  'settings.update': mutation({
    summary: 'Change one or more settings; each value is checked against its type',
    input: z.object({ values: settingsPatch.strict() }).strict(),
    output: settingsSchema,
  }),
};
