import { panel as panelSchema, type Panel } from '../../../shared/api/monitoring-dashboards';
import { durationOrNull } from '../charts/time';

/**
 * What the panel editor checks before it lets a panel into the dashboard:
 * the contract's own schema, plus what a person gets wrong while typing
 * (a min interval that is not a duration, min above max). Main checks again
 * on save; this only spares a round trip and points at the field.
 */
export function panelProblem(p: Panel): string | null {
  if (p.minInterval && durationOrNull(p.minInterval) === null) {
    return `Min interval "${p.minInterval}" is not a duration; write 15s, 1m or 1h.`;
  }
  if (p.min !== null && p.max !== null && !(p.min < p.max)) return `Min (${p.min}) must be below max (${p.max}).`;
  const bad = p.thresholds.find((t) => !/^(#[0-9a-fA-F]{3,8}|[a-z]+(\.[0-9])?)$/.test(t.color));
  if (bad) return `"${bad.color}" is not a colour; write red, orange.6 or #e5484d.`;
  const parsed = panelSchema.safeParse(p);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return `${i.path.join('.') || 'panel'}: ${i.message}`;
  }
  return null;
}

/** Thresholds in ascending order, the way charts draw and the stat panel colours them. */
export function sortedThresholds(t: Panel['thresholds']): Panel['thresholds'] {
  return [...t].sort((a, b) => a.value - b.value);
}
