import { describe, expect, it } from 'vitest';
import { encodeChunk } from '../../../main/monitoring/tsdb/chunk';
import { counterSeries, gaugeSeries, rng, scrapeTimes } from './series';

// One day of 15 s scrapes, stored as 120-sample chunks (30 min), as Prometheus does.
const DAY = (24 * 3600) / 15;
const CHUNK = 120;

function bytesPerSample(ts: number[], vs: number[]): number {
  let bytes = 0;
  for (let i = 0; i < ts.length; i += CHUNK) {
    bytes += encodeChunk(ts.slice(i, i + CHUNK), vs.slice(i, i + CHUNK)).length;
  }
  return bytes / ts.length;
}

describe('bytes per sample, one day at 15 s', () => {
  // A timer-driven SSH scrape lands within a few ms of its slot.
  const ts = scrapeTimes(1_764_000_000_000, DAY, 15_000, 25, 42);
  const r = rng(7);
  const load = gaugeSeries(DAY, 9).map((_, i) => Math.round((1 + Math.sin(i / 200) + r() * 0.3) * 100) / 100);
  const series: Record<string, number[]> = {
    'gauge: MemAvailable bytes': gaugeSeries(DAY, 1),
    'counter: rx bytes': counterSeries(DAY, 2),
    'constant: up': new Array<number>(DAY).fill(1),
    'gauge: load1 (2 decimals, informational)': load,
  };
  const measured = Object.fromEntries(Object.entries(series).map(([k, vs]) => [k, bytesPerSample(ts, vs)]));
  // Scrape jitter is what a constant series pays for; on exact slots it is nearly free.
  measured['constant: up, exact 15 s slots'] = bytesPerSample(
    scrapeTimes(1_764_000_000_000, DAY, 15_000, 0, 0),
    series['constant: up'],
  );

  it('reports bytes per sample', () => {
    console.table(Object.entries(measured).map(([series, bps]) => ({ series, bytesPerSample: bps.toFixed(2) })));
  });

  it('stays under 4 bytes/sample for realistic gauges and counters', () => {
    expect(measured['gauge: MemAvailable bytes']).toBeLessThan(4);
    expect(measured['counter: rx bytes']).toBeLessThan(4);
    expect(measured['constant: up']).toBeLessThan(1.5);
    expect(measured['constant: up, exact 15 s slots']).toBeLessThan(0.5);
  });
});
