import type { AlertEvent, AlertInstance } from '../../../shared/api/monitoring-alerts';

export const inst = (over: Partial<AlertInstance> = {}): AlertInstance => ({
  ruleId: 'r1',
  ruleName: 'DiskFull',
  fingerprint: 'f1',
  labels: { alertname: 'DiskFull', instance: 'web1:9100' },
  annotations: {},
  state: 'firing',
  value: 97.5,
  activeAt: 1_000,
  firedAt: 2_000,
  silencedBy: [],
  ...over,
});

export const event = (over: Partial<AlertEvent> = {}): AlertEvent => ({
  id: 1,
  ruleId: 'r1',
  ruleName: 'DiskFull',
  fingerprint: 'f1',
  labels: { alertname: 'DiskFull', instance: 'web1:9100' },
  from: 'pending',
  to: 'firing',
  value: 97.5,
  at: 5_000,
  silenced: false,
  ...over,
});
