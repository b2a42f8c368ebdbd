import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertsCommands, listCore } from '../../../main/cli/commands/alerts';
import { OpsError } from '../../../shared/api/errors';
import type { AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import { openAlerts, ruleInput, sample, T0, type AlertsFixture } from './fixture';

let f: AlertsFixture;
let lines: string[];
const print = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };

beforeEach(() => {
  f = openAlerts();
  lines = [];
});
afterEach(async () => {
  await f.close();
});

describe('opsroom alerts list', () => {
  it('says so when nothing fires', async () => {
    expect(await listCore(f.call, { json: false, all: false }, print)).toBe(0);
    expect(lines).toEqual(['no alerts firing or pending']);
  });

  it('prints firing then pending alerts, one line each, with silenced marks; --all adds the rules', async () => {
    f.engine.set('up == 0', [sample({ __name__: 'up', instance: 'web-01', job: 'node' }, 0)]);
    f.engine.set('node_load1', [sample({ instance: 'db-01' }, 7.5)]);
    await f.call('monitoring.alerts.rules.save', ruleInput({ for: '0s' }));
    await f.call(
      'monitoring.alerts.rules.save',
      ruleInput({ name: 'HighLoad', expr: 'node_load1', op: '>', threshold: 4, for: '10m' }),
    );
    const sil = await f.call<{ id: string }>('monitoring.silences.create', {
      matchers: [{ name: 'instance', op: '=', value: 'web-01' }],
      endsAt: T0 + 3600_000,
      comment: 'known',
    });
    await f.part.ticking!.tick();
    f.engine.set('node_load1', new OpsError('unavailable', 'Prometheus cannot be reached.'));

    await listCore(f.call, { json: false, all: false }, print);
    expect(lines).toEqual([
      `FIRING \tInstanceDown\t{instance="web-01", job="node"}\tvalue=0\tsince 2026-11-27T09:00:00Z\tSILENCED by ${sil.id}`,
      'PENDING\tHighLoad\t{instance="db-01"}\tvalue=7.5\tsince 2026-11-27T09:00:00Z',
    ]);

    lines = [];
    f.clock.t = T0 + 60_000;
    await f.part.ticking!.tick(); // HighLoad fails now: recorded on the rule
    await listCore(f.call, { json: false, all: true }, print);
    // the evaluation time in ms is measured, so it is masked here
    expect(lines.slice(2).map((l) => l.replace(/\(\d+ ms\)/, '(N ms)'))).toEqual([
      'rule\tHighLoad\tenabled\tevery 30s, for 10m\tlast evaluated 2026-11-27T09:01:00Z (N ms)\terror: Prometheus cannot be reached.\tnode_load1 > 4',
      'rule\tInstanceDown\tenabled\tevery 30s, for 0s\tlast evaluated 2026-11-27T09:01:00Z (N ms)\tok\tup == 0',
    ]);

    lines = [];
    await listCore(f.call, { json: true, all: true }, print);
    const parsed = JSON.parse(lines.join('\n')) as { alerts: AlertInstance[]; rules: AlertRule[] };
    expect(parsed.alerts.map((a) => [a.ruleName, a.state, a.silencedBy.length])).toEqual([
      ['InstanceDown', 'firing', 1],
      ['HighLoad', 'pending', 0],
    ]);
    expect(parsed.rules.map((r) => r.name)).toEqual(['HighLoad', 'InstanceDown']);
  });

  it('refuses stray arguments', async () => {
    await expect(alertsCommands.list.run(['extra'])).rejects.toThrow(/Unexpected argument "extra"/);
  });
});
