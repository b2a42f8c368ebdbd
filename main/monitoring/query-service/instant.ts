import type { InstantSample } from '../../../shared/api/monitoring-query';
import { resolveTime } from '../../../shared/monitoring/time-range';
import type { Engine } from '../types';

/** An instant query at `time` (the picker's syntax, default now); NaN and ±Inf become null. */
export async function runInstantQuery(
  engine: Engine,
  input: { expr: string; time?: string },
  nowMs: number,
  signal?: AbortSignal,
): Promise<{ samples: InstantSample[]; warnings: string[] }> {
  const at = resolveTime(input.time ?? 'now', nowMs);
  const res = await engine.instant(input.expr, at, signal);
  return {
    samples: res.samples.map((s) => ({ labels: s.labels, value: Number.isFinite(s.value) ? s.value : null, t: s.t })),
    warnings: res.warnings,
  };
}
