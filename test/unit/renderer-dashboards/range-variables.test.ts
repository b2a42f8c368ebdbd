import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../renderer/views/charts/variables';
import { back, canGoBack, initialRange, pushRange, zoomTo } from '../../../renderer/views/dashboards/range-history';
import { ciValues, firstCiId, promRegexLiteral, variableValues } from '../../../renderer/views/dashboards/variables';

describe('range history', () => {
  it('a zoom and a picker change can be undone in order; an unchanged range is not remembered', () => {
    let s = initialRange({ from: 'now-1h', to: 'now' });
    expect(canGoBack(s)).toBe(false);
    s = zoomTo(s, 1_700_000_000_000, 1_700_000_600_000);
    expect(s.current).toEqual({ from: '1700000000000', to: '1700000600000' });
    s = pushRange(s, { from: 'now-6h', to: 'now' });
    s = pushRange(s, { from: 'now-6h', to: 'now' });
    expect(s.history).toHaveLength(2);
    s = back(s);
    expect(s.current).toEqual({ from: '1700000000000', to: '1700000600000' });
    s = back(s);
    expect(s.current).toEqual({ from: 'now-1h', to: 'now' });
    expect(back(s)).toBe(s);
    expect(zoomTo(s, 5, 5)).toBe(s);
    expect(zoomTo(s, Number.NaN, 5)).toBe(s);
  });

  it('keeps at most 30 steps of history', () => {
    let s = initialRange({ from: 'now-1h', to: 'now' });
    for (let i = 0; i < 50; i++) s = zoomTo(s, i * 1000, i * 1000 + 500);
    expect(s.history).toHaveLength(30);
    expect(s.history[29]).toEqual({ from: '48000', to: '48500' });
  });
});

/** What Prometheus's regex engine (RE2, fully anchored) would make of a PromQL string literal. */
function promRegexMatches(literal: string, text: string): boolean {
  const unquoted = JSON.parse(`"${literal}"`) as string; // PromQL double-quoted strings unescape like JSON here
  return new RegExp(`^(?:${unquoted})$`).test(text);
}

describe('CI variables', () => {
  it('derive the id, the address and a regex that matches the address literally', () => {
    const v = ciValues('host', { id: 'c1', name: 'web-01', type: 'host', address: '10.0.0.5' });
    expect(v).toEqual({
      host: 'web-01',
      host_id: 'c1',
      host_address: '10.0.0.5',
      host_address_re: '10\\\\.0\\\\.0\\\\.5',
    });
    const expr = interpolate('up{instance=~"$host_address_re(:[0-9]+)?",ci="$host_id"}', v);
    expect(expr).toBe('up{instance=~"10\\\\.0\\\\.0\\\\.5(:[0-9]+)?",ci="c1"}');
    // Without an address, the CI name is the target.
    expect(ciValues('host', { id: 'c2', name: 'db', type: 'host', address: null }).host_address).toBe('db');
    expect(ciValues('host', null, 'gone-01')).toMatchObject({ host: 'gone-01', host_id: '' });
  });

  it('property: the regex literal matches exactly the address, whatever characters it holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (addr, other) => {
        const lit = promRegexLiteral(addr);
        expect(promRegexMatches(lit, addr)).toBe(true);
        expect(promRegexMatches(`${lit}(:[0-9]+)?`, `${addr}:9100`)).toBe(true);
        if (other !== addr) expect(promRegexMatches(lit, other)).toBe(false);
      }),
    );
  });

  it('custom variables take their current option or the first', () => {
    const vars = [
      { name: 'host', label: '', kind: 'ci' as const, ciType: 'host', options: [], current: 'web-01' },
      { name: 'env', label: '', kind: 'custom' as const, ciType: 'host', options: ['prod', 'test'], current: '' },
      { name: 'dc', label: '', kind: 'custom' as const, ciType: 'host', options: ['a'], current: 'b' },
    ];
    const cis = { host: { id: 'c1', name: 'web-01', type: 'host', address: '127.0.0.1' } };
    expect(variableValues(vars, cis)).toMatchObject({ host: 'web-01', host_id: 'c1', env: 'prod', dc: 'b' });
    expect(firstCiId(vars, cis)).toBe('c1');
    expect(firstCiId(vars, {})).toBeUndefined();
  });
});
