import type { HostResult, HostState } from '../../../shared/api/ssh';
import { hostStates } from '../../../shared/api/ssh';

/** One colour per state, shared by the badges, the stacked bar and the legend. */
export const stateColor: Record<HostState, string> = {
  queued: 'gray',
  connecting: 'cyan',
  running: 'blue',
  ok: 'green',
  failed: 'red',
  'timed-out': 'orange',
  unreachable: 'grape',
  'auth-failed': 'pink',
  'hostkey-held': 'yellow',
  'hostkey-changed': 'red.9',
  cancelled: 'dark',
};

export const finalStates: ReadonlySet<HostState> = new Set([
  'ok',
  'failed',
  'timed-out',
  'unreachable',
  'auth-failed',
  'hostkey-held',
  'hostkey-changed',
  'cancelled',
]);

/** Mantine colour name ('red', 'red.9') → the CSS variable a plain div can use. */
export function colorVar(c: string): string {
  const [name, shade] = c.split('.');
  return `var(--mantine-color-${name}-${shade ?? '6'})`;
}

export interface BarSegment {
  state: HostState;
  count: number;
  /** percent of the width */
  pct: number;
  color: string;
}

/** The stacked bar: one segment per state that has hosts, in the states' fixed order. */
export function barSegments(counts: Partial<Record<HostState, number>>): BarSegment[] {
  const total = hostStates.reduce((n, s) => n + (counts[s] ?? 0), 0);
  if (total === 0) return [];
  return hostStates
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => ({ state: s, count: counts[s]!, pct: (counts[s]! / total) * 100, color: colorVar(stateColor[s]) }));
}

export function countStates(rows: Iterable<{ state: HostState }>): Partial<Record<HostState, number>> {
  const out: Partial<Record<HostState, number>> = {};
  for (const r of rows) out[r.state] = (out[r.state] ?? 0) + 1;
  return out;
}

/** The grid's last column: the first non-empty line of what the host said (or why it failed). */
export function firstLine(h: Pick<HostResult, 'stdout' | 'stderr' | 'error'>): string {
  for (const text of [h.stdout, h.stderr, h.error ?? '']) {
    const line = text.split('\n').find((l) => l.trim() !== '');
    if (line !== undefined) return line.trim().slice(0, 300);
  }
  return '';
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} m ${Math.round((ms % 60_000) / 1000)} s`;
}
