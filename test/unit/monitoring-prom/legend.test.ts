import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legendFor, seriesSelector } from '../../../main/monitoring/query-service/legend';

const cpu = { __name__: 'node_cpu_seconds_total', cpu: '0', instance: 'localhost:9100', job: 'node', mode: 'idle' };

describe('legend', () => {
  it('defaults to the series selector, name first and labels sorted, as Prometheus prints it', () => {
    expect(legendFor(cpu, undefined, 'x')).toBe(
      'node_cpu_seconds_total{cpu="0", instance="localhost:9100", job="node", mode="idle"}',
    );
    expect(seriesSelector({ job: 'node', instance: 'a' })).toBe('{instance="a", job="node"}');
    expect(seriesSelector({ __name__: 'up' })).toBe('up');
    expect(seriesSelector({ path: 'C:\\x "y"' })).toBe('{path="C:\\\\x \\"y\\""}');
  });

  it('names a label-less series (an aggregate) by its expression', () => {
    expect(legendFor({}, undefined, 'sum(rate(x[5m]))')).toBe('sum(rate(x[5m]))');
    expect(legendFor({}, '{{instance}}', 'sum(up)')).toBe('sum(up)');
  });

  it('fills {{label}} and {{ label }}; a missing label is empty', () => {
    expect(legendFor(cpu, '{{instance}} cpu{{cpu}} {{ mode }}', 'e')).toBe('localhost:9100 cpu0 idle');
    expect(legendFor(cpu, '{{instance}} {{device}}', 'e')).toBe('localhost:9100');
    expect(legendFor(cpu, '{{__name__}}', 'e')).toBe('node_cpu_seconds_total');
    expect(legendFor(cpu, 'static text', 'e')).toBe('static text');
    expect(legendFor(cpu, '{{nope}}', 'e')).toBe(seriesSelector(cpu));
  });

  it('substitutes values verbatim, never re-reading placeholders inside them (property)', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ minLength: 1 }), { minKeys: 1 }), (labels) => {
        const keys = Object.keys(labels);
        const template = keys.map((k) => `<{{${k}}}>`).join('|');
        expect(legendFor(labels, template, 'e')).toBe(keys.map((k) => `<${labels[k]}>`).join('|'));
      }),
    );
  });
});
