import type { MouseEvent } from 'react';
import { create } from 'zustand';
import type { OpsClient } from '../../shared/api/client';
import type { AlertEvent, AlertInstance } from '../../shared/api/monitoring-alerts';
import {
  type FiringSet,
  alertKey,
  applyTransition,
  firingSetFromActive,
  toastFor,
  toastId,
} from '../views/alerts/alerts-pure';
import { hideToast, showToast } from './notify';
import { useRoute } from './route-store';

interface AlertBadgeStore {
  /** firing, unsilenced alerts by key; the badge shows how many */
  firing: FiringSet;
  count: number;
  transition(ev: AlertEvent): void;
  replace(active: readonly AlertInstance[]): void;
}

export const useAlertBadge = create<AlertBadgeStore>((set) => ({
  firing: {},
  count: 0,
  transition: (ev) =>
    set((s) => {
      const firing = applyTransition(s.firing, ev);
      return firing === s.firing ? s : { firing, count: Object.keys(firing).length };
    }),
  replace: (active) => {
    const firing = firingSetFromActive(active);
    set({ firing, count: Object.keys(firing).length });
  },
}));

/** A click on the toast opens the Alerts view; a click on its close button only closes it. */
const goToAlerts = (e: MouseEvent<HTMLDivElement>) => {
  if (e.target instanceof Element && e.target.closest('button')) return;
  useRoute.getState().navigate('alerts');
};

/**
 * One toast per alert, until a burst: past `perWindow` toasts in `windowMs`
 * (a datacentre-wide outage fires hundreds at once) the rest are counted in a
 * single toast instead of queueing a minute of toasts nobody reads.
 */
export class BurstToasts {
  private windowStart = -Infinity;
  private shown = 0;
  private grouped = 0;

  constructor(
    private readonly perWindow = 3,
    private readonly windowMs = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  show(toast: { id: string; title: string; message: string }): void {
    const t = this.now();
    if (t - this.windowStart > this.windowMs) {
      this.windowStart = t;
      this.shown = 0;
      this.grouped = 0;
    }
    const common = {
      color: 'red',
      autoClose: 20_000,
      style: { cursor: 'pointer' },
      onClick: goToAlerts,
      testId: 'alert-toast',
    };
    if (this.shown < this.perWindow) {
      this.shown++;
      showToast({ ...common, id: toast.id, title: toast.title, message: toast.message });
      return;
    }
    this.grouped++;
    const more = {
      ...common,
      id: `alert-burst-${this.windowStart}`,
      title: `${this.grouped} more alert${this.grouped === 1 ? '' : 's'} started firing`,
      message: `Latest: ${toast.title} — ${toast.message}. Open Alerts to see them all.`,
    };
    showToast(more, this.grouped > 1);
  }
}

/**
 * Keeps the alert badge and toasts live: one 'monitoring.alerts.active' read at
 * start and after every transition (so a resolution or a silence noticed on the
 * next transition brings the count down), and a red toast when an unsilenced
 * alert starts firing. Re-reads coalesce: a storm of transitions from one
 * evaluation costs at most two reads. Returns the stop function.
 */
export function startAlertsNotifier(client: OpsClient): () => void {
  let stopped = false;
  const burst = new BurstToasts();
  let inFlight: Promise<AlertInstance[] | null> | null = null;
  let queued: Promise<AlertInstance[] | null> | null = null;

  const read = () =>
    client
      .call('monitoring.alerts.active')
      .then((list) => {
        if (!stopped) useAlertBadge.getState().replace(list);
        return list;
      })
      // The alerts part may be unavailable (or the transport closing); the badge keeps its last count.
      .catch(() => null);

  /** A read that starts after this call: a read already under way may predate the caller's event. */
  const resync = (): Promise<AlertInstance[] | null> => {
    if (!inFlight) {
      inFlight = read().finally(() => (inFlight = null));
      return inFlight;
    }
    queued ??= inFlight.then(() => {
      queued = null;
      return resync();
    });
    return queued;
  };

  const off = client.on('monitoring.alerts.transition', (ev) => {
    if (stopped) return;
    useAlertBadge.getState().transition(ev);
    if (ev.to === 'resolved' || ev.to === 'inactive') hideToast(toastId(ev));
    const pending = resync();
    if (!toastFor(ev)) return;
    // The transition carries no annotations; the active list read just now does.
    void pending.then((list) => {
      if (stopped) return;
      const inst = list?.find((a) => alertKey(a) === alertKey(ev));
      if (inst && (inst.silencedBy.length > 0 || inst.state !== 'firing')) return;
      const toast = toastFor(ev, inst?.annotations);
      if (toast) burst.show(toast);
    });
  });
  // The restored file holds its own alerts: the badge counts those.
  const offRestored = client.on('workspace.restored', () => void resync());
  void resync();
  return () => {
    stopped = true;
    off();
    offRestored();
  };
}
