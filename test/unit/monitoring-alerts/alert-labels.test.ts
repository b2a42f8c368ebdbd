import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeSeries, fingerprint, passes } from '../../../main/monitoring/alerts/alert-labels';
import { OpsError } from '../../../shared/api/errors';

const rule = {
  name: 'DiskFull',
  op: null,
  threshold: null,
  labels: { severity: 'page', job: 'overridden', where: '{{ $labels.instance }}' },
  annotations: { summary: '{{ $labels.mountpoint }} at {{ humanizePercentage $value }}' },
};

describe('alert label sets', () => {
  it('drops __name__, lays rule labels (templated) over the series, alertname last', () => {
    const [a] = activeSeries(rule, [
      {
        labels: { __name__: 'disk_used', instance: 'web-01', job: 'node', mountpoint: '/', alertname: 'fake' },
        value: 0.97,
        t: 0,
      },
    ]);
    expect(a.labels).toEqual({
      alertname: 'DiskFull',
      instance: 'web-01',
      job: 'overridden',
      mountpoint: '/',
      severity: 'page',
      where: 'web-01',
    });
    expect(Object.keys(a.labels)).toEqual(Object.keys(a.labels).sort());
    expect(a.annotations).toEqual({ summary: '/ at 97%' });
    expect(a.fingerprint).toBe(fingerprint(a.labels));
  });

  it('a fingerprint depends on the label set only, not its order (property)', () => {
    const labels = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), {
      maxKeys: 8,
    });
    fc.assert(
      fc.property(labels, (l) => {
        const reversed = Object.fromEntries(Object.entries(l).reverse());
        expect(fingerprint(reversed)).toBe(fingerprint(l));
      }),
    );
    expect(fingerprint({ a: 'b', c: 'd' })).not.toBe(fingerprint({ a: 'bc', '': 'd' }));
    expect(fingerprint({ a: 'x' })).not.toBe(fingerprint({ a: 'y' }));
  });

  it('different label sets never share a fingerprint, whatever characters the values hold (property)', () => {
    // A separator character inside a value once made {a:"1ÿbÿ2"} and {a:"1", b:"2"} one alert.
    expect(fingerprint({ a: '1\u00ffb\u00ff2' })).not.toBe(fingerprint({ a: '1', b: '2' }));
    const value = fc.string({ unit: fc.constantFrom('a', 'b', '\u00ff', '"', ',', ':', '\\', ']'), maxLength: 6 });
    const labels = fc.dictionary(fc.constantFrom('a', 'b', 'c'), value, { maxKeys: 3 });
    fc.assert(
      fc.property(labels, labels, (x, y) => {
        const same = JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
        expect(fingerprint(x) === fingerprint(y)).toBe(same);
      }),
    );
  });

  it('a rule label whose template expands to nothing is dropped, as in Prometheus', () => {
    const [a] = activeSeries({ ...rule, labels: { team: '{{ $labels.team }}', severity: 'page' } }, [
      { labels: { instance: 'web-01' }, value: 1, t: 0 },
    ]);
    expect(a!.labels).toEqual({ alertname: 'DiskFull', instance: 'web-01', severity: 'page' });
    expect(a!.fingerprint).toBe(fingerprint({ alertname: 'DiskFull', instance: 'web-01', severity: 'page' }));
  });

  it('op and threshold filter the samples with PromQL (Go float) semantics', () => {
    expect(passes(3, '>', 2)).toBe(true);
    expect(passes(2, '>', 2)).toBe(false);
    expect(passes(2, '>=', 2)).toBe(true);
    expect(passes(NaN, '>', 2)).toBe(false);
    expect(passes(NaN, '==', NaN)).toBe(false);
    expect(passes(NaN, '!=', 2)).toBe(true);
    const only = activeSeries({ ...rule, op: '<', threshold: 10 }, [
      { labels: { instance: 'a' }, value: 5, t: 0 },
      { labels: { instance: 'b' }, value: 50, t: 0 },
    ]);
    expect(only.map((a) => a.labels.instance)).toEqual(['a']);
  });

  it('refuses two samples that become the same alert', () => {
    expect(() =>
      activeSeries(rule, [
        { labels: { __name__: 'x', instance: 'a' }, value: 1, t: 0 },
        { labels: { __name__: 'y', instance: 'a' }, value: 2, t: 0 },
      ]),
    ).toThrow(OpsError);
  });
});
