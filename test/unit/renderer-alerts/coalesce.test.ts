import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../../renderer/views/alerts/coalesce';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalesce: a storm of transitions is a few re-reads', () => {
  it('calls at once, folds a burst into one trailing call, then is quiet', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    c.call();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 500; i++) c.call();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    expect(fn).toHaveBeenCalledTimes(2);
    c.call(); // a quiet window later: at once again
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('keeps up with a steady stream at one call per window', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    for (let t = 0; t < 10_000; t += 50) {
      c.call();
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(1_000);
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(20);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(22);
  });

  it('cancel drops the owed call (the view is gone)', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    c.call();
    c.call();
    c.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
