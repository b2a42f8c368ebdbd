import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, variablesIn } from '../../../renderer/views/charts/variables';

describe('interpolate', () => {
  const vars = { host: 'web-1', instance: 'web-1:9100', env: 'prod', __interval: '15s' };

  it('fills $var and ${var}', () => {
    expect(interpolate('up{instance="$instance"}', vars)).toBe('up{instance="web-1:9100"}');
    expect(interpolate('up{job="${env}_node"}', vars)).toBe('up{job="prod_node"}');
    expect(interpolate('rate(x[$__interval])', vars)).toBe('rate(x[15s])');
    expect(interpolate('rate(x[${__interval}])', vars)).toBe('rate(x[15s])');
    expect(interpolate('$host $host', vars)).toBe('web-1 web-1');
  });

  it('takes the longest name after a bare $, so ${} is needed before letters', () => {
    // host_total is not a variable: left as written, not "web-1_total".
    expect(interpolate('$host_total', vars)).toBe('$host_total');
    expect(interpolate('${host}_total', vars)).toBe('web-1_total');
  });

  it('leaves PromQL dollars and unknown variables exactly as written', () => {
    expect(interpolate('up{job=~"^node$"}', vars)).toBe('up{job=~"^node$"}');
    expect(interpolate('x{a="$nope"} ${nope} $1 $', vars)).toBe('x{a="$nope"} ${nope} $1 $');
    expect(interpolate('constructor $constructor $toString', vars)).toBe('constructor $constructor $toString');
  });

  it('inserts values verbatim, with no regex escaping (documented)', () => {
    expect(interpolate('up{instance=~"$host"}', { host: 'web.1|web.2' })).toBe('up{instance=~"web.1|web.2"}');
    // A value holding "$x" is not expanded again.
    expect(interpolate('$a', { a: '$b', b: 'no' })).toBe('$b');
  });

  it('is the identity when there are no variables, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(interpolate(s, {})).toBe(s);
      }),
    );
  });

  it('replaces every use of a set variable and leaves no reference to it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('rate(', 'x{a="', '"}', ' + ', '[', ']', '_', 'by (i)'), { maxLength: 8 }),
        fc.array(fc.constantFrom('$host', '${host}'), { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^[a-z0-9.:-]{1,12}$/),
        (parts, refs, value) => {
          // Each reference is followed by a non-word character so a bare $host ends where it should.
          const expr = refs.map((r, i) => `${parts[i] ?? ''}${r} `).join('');
          const out = interpolate(expr, { host: value });
          expect(out).not.toContain('$host');
          expect(out).not.toContain('${host}');
          expect(out.split(value).length - 1).toBeGreaterThanOrEqual(refs.length);
        },
      ),
    );
  });
});

describe('variablesIn', () => {
  it('lists each variable once', () => {
    expect(variablesIn('a{x="$host", y="${env}"} / b{x="$host"}[${__interval}]')).toEqual([
      'host',
      'env',
      '__interval',
    ]);
    expect(variablesIn('up')).toEqual([]);
  });
});
