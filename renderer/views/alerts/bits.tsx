import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Labels } from '../../../shared/api/monitoring-model';
import { formatTime } from '../format';
import { type ShownState, alertStateColor, labelPairs } from './alerts-pure';
import { formatRelative } from './time-format';

export function StateBadge({ state }: { state: ShownState }) {
  return (
    <Badge size="sm" variant="light" color={alertStateColor[state]} data-testid="alert-state" data-state={state}>
      {state}
    </Badge>
  );
}

export function SilencedBadge() {
  return (
    <Badge size="sm" variant="outline" color="gray" data-testid="alert-silenced">
      silenced
    </Badge>
  );
}

/** Labels as small name=value chips; alertname first. On one line (in a fixed-height row) the rest is cut, all on hover. */
export function LabelChips({ labels, max = 12, oneLine = false }: { labels: Labels; max?: number; oneLine?: boolean }) {
  const pairs = labelPairs(labels);
  return (
    <Group
      gap={4}
      wrap={oneLine ? 'nowrap' : 'wrap'}
      style={oneLine ? { overflow: 'hidden' } : undefined}
      title={oneLine ? pairs.map(([k, v]) => `${k}=${v}`).join('\n') : undefined}
    >
      {pairs.slice(0, max).map(([k, v]) => (
        <Badge key={k} size="xs" variant="default" radius="sm" tt="none" ff="monospace" fw={400}>
          {k}={v}
        </Badge>
      ))}
      {pairs.length > max && (
        <Text size="xs" c="dimmed">
          +{pairs.length - max}
        </Text>
      )}
    </Group>
  );
}

/** "3m ago" with the exact time on hover. */
export function Ago({ ms, now }: { ms: number | null; now: number }) {
  if (ms === null) return <Text size="xs">—</Text>;
  return (
    <Tooltip label={formatTime(ms)} openDelay={300}>
      <Text size="xs" span>
        {formatRelative(ms, now)}
      </Text>
    </Tooltip>
  );
}

/** The current time, re-read every `everyMs` so relative times move on their own. */
export function useNow(everyMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
