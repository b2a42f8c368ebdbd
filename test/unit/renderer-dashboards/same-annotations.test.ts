import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/api/monitoring-model';
import { sameAnnotations } from '../../../renderer/views/dashboards/use-annotations';

const a = (over: Partial<Annotation> = {}): Annotation => ({
  time: 1_000,
  end: null,
  kind: 'batch',
  title: 'Batch run: uptime',
  text: 'running · by ops',
  ref: '17',
  ...over,
});

describe('sameAnnotations: a refresh that brings the same marks keeps the old list', () => {
  it('is true for equal marks in new objects, false for any change a chart would draw', () => {
    expect(sameAnnotations([a(), a({ ref: '18' })], [a(), a({ ref: '18' })])).toBe(true);
    expect(sameAnnotations([], [])).toBe(true);
    // A run that finished: its end and its text change.
    expect(sameAnnotations([a()], [a({ end: 5_000, text: 'ok 3 of 3 host(s) · by ops' })])).toBe(false);
    expect(sameAnnotations([a()], [a({ text: 'ok 3 of 3 host(s) · by ops' })])).toBe(false);
    expect(sameAnnotations([a()], [a({ title: 'Batch run: df' })])).toBe(false);
    expect(sameAnnotations([a()], [a({ time: 999 })])).toBe(false);
    expect(sameAnnotations([a()], [a({ kind: 'change' })])).toBe(false);
    expect(sameAnnotations([a()], [a(), a({ ref: '18' })])).toBe(false);
  });
});
