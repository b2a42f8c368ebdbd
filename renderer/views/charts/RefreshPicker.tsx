import { ActionIcon, Group, Select } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';

interface Props {
  /** seconds between refreshes; 0 = off */
  value: number;
  onChange(sec: number): void;
  onRefresh(): void;
}

export const refreshChoices = [0, 5, 10, 30, 60, 300, 900, 1800, 3600, 7200, 86_400];

export function refreshLabel(sec: number): string {
  if (sec <= 0) return 'Off';
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}

/**
 * A refresh button and the auto-refresh interval. The picker OWNS the
 * auto-refresh timer: while mounted with a value > 0 it calls onRefresh every
 * `value` seconds (skipping ticks while the page is hidden), so the page using
 * it must not run a timer of its own.
 */
export function RefreshPicker({ value, onChange, onRefresh }: Props) {
  const refresh = useRef(onRefresh);
  useEffect(() => {
    refresh.current = onRefresh;
  });
  useEffect(() => {
    if (!(value > 0)) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') refresh.current();
    }, value * 1000);
    return () => clearInterval(timer);
  }, [value]);

  // A saved dashboard may carry an interval that is not in the list; keep it selectable.
  const choices = refreshChoices.includes(value) ? refreshChoices : [...refreshChoices, value].sort((a, b) => a - b);
  return (
    <Group gap={4} wrap="nowrap" data-testid="refresh-picker" data-value={value}>
      <ActionIcon
        size="md"
        variant="default"
        aria-label="Refresh"
        title="Refresh now"
        onClick={onRefresh}
        data-testid="refresh-now"
      >
        <IconRefresh size={14} />
      </ActionIcon>
      <Select
        size="xs"
        w={76}
        aria-label="Auto refresh"
        data-testid="refresh-interval"
        allowDeselect={false}
        data={choices.map((c) => ({ value: String(c), label: refreshLabel(c) }))}
        value={String(value)}
        onChange={(v) => v !== null && onChange(Number(v))}
      />
    </Group>
  );
}
