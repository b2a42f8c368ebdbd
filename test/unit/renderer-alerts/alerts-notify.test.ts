import { notificationsStore } from '@mantine/notifications';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpsClient } from '../../../shared/api/client';
import type { AlertEvent, AlertInstance } from '../../../shared/api/monitoring-alerts';
import { BurstToasts, startAlertsNotifier, useAlertBadge } from '../../../renderer/shell/alerts-notify';
import { event, inst } from './fixtures';

/** A client whose 'monitoring.alerts.active' answers from a list the test changes, or fails. */
function fakeClient() {
  const listeners = new Set<(p: AlertEvent) => void>();
  const state = { active: [] as AlertInstance[], fail: false, reads: 0, inFlight: 0 };
  const client = {
    async call(method: string) {
      if (method !== 'monitoring.alerts.active') throw new Error(`unexpected ${method}`);
      state.reads++;
      state.inFlight++;
      try {
        await new Promise((r) => setTimeout(r, 1));
        if (state.fail) throw new Error('The alerts service is unavailable.');
        return state.active;
      } finally {
        state.inFlight--;
      }
    },
    on(topic: string, l: (p: AlertEvent) => void) {
      if (topic === 'monitoring.alerts.transition') listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as OpsClient;
  /**
   * Resolves once no read is on its way (a queued re-read starts only when the one before it
   * answers, so one quiet turn is not enough), and the notifier's reactions to them have run.
   * Waiting on the reads, not on a fixed sleep, keeps this right on a loaded machine.
   */
  const settle = async () => {
    for (let quiet = 0; quiet < 2;) {
      await new Promise((r) => setTimeout(r, 2));
      quiet = state.inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { client, state, settle, emit: (ev: AlertEvent) => listeners.forEach((l) => l(ev)), listeners };
}

const toasts = () => [...notificationsStore.getState().notifications, ...notificationsStore.getState().queue];

afterEach(() => {
  notificationsStore.setState({ ...notificationsStore.getState(), notifications: [], queue: [] });
  useAlertBadge.setState({ firing: {}, count: 0 });
});

describe('alert notifications', () => {
  it('syncs the badge at start, toasts a new firing alert with its summary, and drops on resolve', async () => {
    const f = fakeClient();
    f.state.active = [inst({ fingerprint: 'old' })];
    const stop = startAlertsNotifier(f.client);
    await f.settle();
    expect(useAlertBadge.getState().count).toBe(1);

    f.state.active = [
      inst({ fingerprint: 'old' }),
      inst({ fingerprint: 'f1', annotations: { summary: 'web1 disk 97%' } }),
    ];
    f.emit(event());
    expect(useAlertBadge.getState().count).toBe(2); // at once, before the re-read
    await f.settle();
    const t = toasts();
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({
      color: 'red',
      title: 'DiskFull',
      message: 'web1 disk 97%',
      'data-testid': 'alert-toast',
    });

    f.state.active = [inst({ fingerprint: 'old' })];
    f.emit(event({ id: 2, from: 'firing', to: 'resolved' }));
    await f.settle();
    expect(useAlertBadge.getState().count).toBe(1);
    expect(toasts()).toHaveLength(0);
    stop();
    expect(f.listeners.size).toBe(0);
  });

  it('does not toast silenced or pending alerts', async () => {
    const f = fakeClient();
    const stop = startAlertsNotifier(f.client);
    await f.settle();
    f.state.active = [inst({ silencedBy: ['s1'] })];
    f.emit(event({ silenced: true }));
    f.emit(event({ id: 2, fingerprint: 'f2', from: 'inactive', to: 'pending' }));
    await f.settle();
    expect(toasts()).toHaveLength(0);
    expect(useAlertBadge.getState().count).toBe(0);
    stop();
  });

  it('coalesces a storm of transitions into few reads', async () => {
    const f = fakeClient();
    const stop = startAlertsNotifier(f.client);
    await f.settle();
    const before = f.state.reads;
    f.state.active = Array.from({ length: 50 }, (_, i) => inst({ fingerprint: `f${i}` }));
    for (let i = 0; i < 50; i++) f.emit(event({ id: i + 1, fingerprint: `f${i}` }));
    await f.settle();
    expect(f.state.reads - before).toBeLessThanOrEqual(2);
    expect(useAlertBadge.getState().count).toBe(50);
    // Three toasts, then one that counts the rest.
    const t = toasts();
    expect(t).toHaveLength(4);
    expect(t[3]).toMatchObject({ title: '47 more alerts started firing', 'data-testid': 'alert-toast' });
    stop();
  });

  it('starts a new burst window once the last one is over', () => {
    let clock = 0;
    const b = new BurstToasts(2, 1000, () => clock);
    const toast = (i: number) => ({ id: `t${i}`, title: `A${i}`, message: 'm' });
    for (let i = 0; i < 4; i++) b.show(toast(i));
    expect(toasts().map((x) => x.title)).toEqual(['A0', 'A1', '2 more alerts started firing']);
    clock = 1001;
    b.show(toast(9));
    expect(toasts().map((x) => x.title)).toContain('A9');
  });

  it('keeps working when the alerts service is unavailable', async () => {
    const f = fakeClient();
    f.state.fail = true;
    const stop = startAlertsNotifier(f.client);
    await f.settle();
    expect(useAlertBadge.getState().count).toBe(0);
    f.emit(event());
    await f.settle();
    expect(useAlertBadge.getState().count).toBe(1);
    expect(toasts()[0]).toMatchObject({ title: 'DiskFull', message: '{instance="web1:9100"}' });
    stop();
  });
});
