import type { AlertEvent } from '../../../shared/api/monitoring-alerts';

/** Adds a live event on top unless it is already there or belongs to another rule. */
export function prependEvent(list: readonly AlertEvent[], ev: AlertEvent, ruleId: string | null): AlertEvent[] {
  if (ruleId && ev.ruleId !== ruleId) return list as AlertEvent[];
  if (list.some((e) => e.id === ev.id)) return list as AlertEvent[];
  return [ev, ...list];
}

/** Older page below; events already shown are skipped. */
export function appendPage(list: readonly AlertEvent[], page: readonly AlertEvent[]): AlertEvent[] {
  const oldest = list.length ? list[list.length - 1].id : Infinity;
  return [...list, ...page.filter((e) => e.id < oldest)];
}
