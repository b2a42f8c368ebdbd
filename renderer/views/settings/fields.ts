import { z } from 'zod';
import { type SettingKey, settingsSchema } from '../../../shared/api/settings';

export type SettingField =
  | { key: SettingKey; label: string; kind: 'select'; options: string[] }
  | { key: SettingKey; label: string; kind: 'number'; min: number | null; max: number | null };

const labels: Partial<Record<SettingKey, string>> = {
  'ui.theme': 'Theme',
  'ui.density': 'Density',
  'workspace.snapshotIntervalMinutes': 'Snapshot every (minutes, 0 = never)',
  'workspace.snapshotKeep': 'Snapshots to keep',
  'log.level': 'Log level',
  'jobs.keepFinished': 'Finished jobs to keep',
  'monitoring.retentionRawDays': 'Local metrics: raw samples kept (days)',
  'monitoring.retention1mDays': 'Local metrics: 1-minute rollups kept (days)',
  'monitoring.retention1hDays': 'Local metrics: 1-hour rollups kept (days)',
  'monitoring.logsRetentionDays': 'Host logs kept (days)',
  'monitoring.alertHistoryDays': 'Alert history kept (days)',
};

/** The settings form, read from the settings schema so a new setting appears without UI code. */
export function settingFields(): SettingField[] {
  return (Object.keys(settingsSchema.shape) as SettingKey[]).map((key) => {
    let t: z.ZodType = settingsSchema.shape[key];
    while (t instanceof z.ZodDefault || t instanceof z.ZodOptional) t = t.unwrap() as z.ZodType;
    const label = labels[key] ?? key;
    if (t instanceof z.ZodEnum) return { key, label, kind: 'select', options: t.options.map(String) };
    if (t instanceof z.ZodNumber) {
      const num = t as z.ZodNumber;
      return { key, label, kind: 'number', min: num.minValue ?? null, max: num.maxValue ?? null };
    }
    throw new Error(`Setting ${key} has a type the settings form cannot show yet.`);
  });
}

/** Only what changed, so saving one field never rewrites the others. */
export function changedValues(saved: Record<string, unknown>, draft: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) if (saved[k] !== v) out[k] = v;
  return out;
}
