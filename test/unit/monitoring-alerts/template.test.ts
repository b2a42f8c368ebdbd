import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatG,
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
} from '../../../main/monitoring/alerts/go-format';
import { sprintf } from '../../../main/monitoring/alerts/printf';
import { checkTemplate, renderTemplate, type TemplateData } from '../../../main/monitoring/alerts/template';

const data = { labels: { instance: 'web-01:9100', job: 'node', __name__: 'up' }, value: 1234567 };
const render = (t: string, d: TemplateData = data) => renderTemplate(t, d);

describe("numbers as Go's fmt spells them", () => {
  it('%v of a float64 (what {{ $value }} prints)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [1, '1'],
      [-2.5, '-2.5'],
      [0.5, '0.5'],
      [100, '100'],
      [123456, '123456'],
      [1e6, '1e+06'],
      [1234567, '1.234567e+06'],
      [16777216, '1.6777216e+07'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-10, '1.5e-10'],
      [1e21, '1e+21'],
      [1e100, '1e+100'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
    ];
    for (const [v, want] of cases) expect(formatG(v), String(v)).toBe(want);
  });

  it('%.4g', () => {
    expect(formatG(1.23456, 4)).toBe('1.235');
    expect(formatG(100000, 4)).toBe('1e+05');
    expect(formatG(1500, 4)).toBe('1500');
    expect(formatG(12, 4)).toBe('12');
    expect(formatG(0.000012345, 4)).toBe('1.234e-05');
  });

  // The expectations of Prometheus's template/template_test.go.
  it('humanize, humanize1024, humanizePercentage, humanizeDuration as Prometheus', () => {
    expect([0, 1, 1234567, 0.12].map(humanize).join(':')).toBe('0:1:1.235M:120m');
    expect([0, 1, 1048576, 0.12].map(humanize1024).join(':')).toBe('0:1:1Mi:0.12');
    expect([0, 0.1234567, 1, 1.5].map(humanizePercentage).join(':')).toBe('0%:12.35%:100%:150%');
    expect(
      [0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99]
        .map(humanizeDuration)
        .join(':'),
    ).toBe('0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s');
    expect([0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345].map(humanizeDuration).join(':')).toBe(
      '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s',
    );
    expect(humanize(NaN)).toBe('NaN');
    expect(humanize(-Infinity)).toBe('-Inf');
  });

  it('printf verbs, widths and Go-style mismatches', () => {
    expect(sprintf('%.2f%%', [97.456])).toBe('97.46%');
    expect(sprintf('%s on %s', ['disk', 'web'])).toBe('disk on web');
    expect(sprintf('%5.1f|%-4s|%03d', [3.14159, 'ab', 7])).toBe('  3.1|ab  |007');
    expect(sprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(sprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
    expect(sprintf('%s', ['a', 2])).toBe('a%!(EXTRA float64=2)');
    expect(sprintf('%e', [123456])).toBe('1.234560e+05');
  });
});

describe('alert templates', () => {
  it('expands $labels, $value, humanize, pipelines, printf, index and .Labels/.Value', () => {
    expect(render('{{ $labels.instance }} of job {{ $labels.job }} is down')).toBe('web-01:9100 of job node is down');
    expect(render('value {{ $value }}')).toBe('value 1.234567e+06');
    expect(render('{{ humanize $value }}B free')).toBe('1.235MB free');
    expect(render('{{ $value | humanize }}')).toBe('1.235M');
    expect(render('{{ .Value | printf "%.1f" }}')).toBe('1234567.0');
    expect(render('{{ printf "%.2f" $value }}')).toBe('1234567.00');
    expect(render('{{ .Labels.job }}/{{ index $labels "instance" }}')).toBe('node/web-01:9100');
    expect(render('{{ $labels.job | toUpper }}')).toBe('NODE');
    expect(render('{{ $value | humanizePercentage }}', { labels: {}, value: 0.5 })).toBe('50%');
  });

  it('a missing label is empty (missingkey=zero), as in Prometheus', () => {
    expect(render('[{{ $labels.nothere }}]')).toBe('[]');
  });

  it('trim markers and comments', () => {
    expect(render('a  {{- $labels.job -}}  b')).toBe('anodeb');
    expect(render('x{{/* a comment */}}y')).toBe('xy');
    expect(render('x {{- /* trimmed */ -}} y')).toBe('xy');
  });

  it('quoted "}}" inside an action does not end it', () => {
    expect(render('{{ printf "%s}}" $labels.job }}')).toBe('node}}');
  });

  it('a bad template renders an explanation instead of throwing, and is reported by checkTemplate', () => {
    expect(render('{{ nosuch $value }}')).toBe('<error expanding template: function "nosuch" not defined>');
    expect(checkTemplate('{{ nosuch $value }}')).toBe('function "nosuch" not defined');
    expect(checkTemplate('{{ $labels.job')).toMatch(/unclosed action/);
    expect(checkTemplate('{{ if $value }}x{{ end }}')).toMatch(/"if" action is not supported/);
    expect(checkTemplate('{{ $foo }}')).toMatch(/undefined variable "\$foo"/);
    expect(checkTemplate('{{ $labels.job }} ok')).toBeNull();
    // runtime problems show in the text (the label is not a number)
    expect(render('{{ humanize $labels.job }}')).toMatch(/^<error expanding template: humanize: cannot convert/);
    expect(render('{{ humanize $labels.n }}', { labels: { n: '2048' }, value: 0 })).toBe('2.048k');
  });

  it('text without {{ is returned untouched (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }).filter((t) => !t.includes('{{')),
        (t) => {
          expect(renderTemplate(t, data)).toBe(t);
          expect(checkTemplate(t)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the template, labels and value (property)', () => {
    const pieces = fc.constantFrom(
      '{{',
      '}}',
      '{{-',
      '-}}',
      ' ',
      '$labels',
      '.instance',
      '$value',
      '.Value',
      '.Labels.job',
      '|',
      'humanize',
      'humanizeDuration',
      'printf',
      'index',
      'toUpper',
      '"%.2f"',
      '"%d %s',
      '`raw`',
      '3.5',
      '-',
      '(',
      '/*',
      '*/',
      'if',
      'end',
      '\\',
      '"',
      'x',
    );
    const template = fc.oneof(
      fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    const labels = fc.dictionary(fc.constantFrom('instance', 'job', 'n'), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0));
    fc.assert(
      fc.property(template, labels, value, (t, l, v) => {
        const out = renderTemplate(t, { labels: l, value: v });
        expect(typeof out).toBe('string');
        // a template that checks clean renders without a parse error
        if (checkTemplate(t) === null) expect(out.startsWith('<error expanding template: function')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
