import { Box, Group, Text, Tooltip } from '@mantine/core';
import type { HostState } from '../../../shared/api/ssh';
import { barSegments } from './batch-state';

/** Hosts per state as one stacked bar; the numbers are in each segment's tooltip. */
export function StateBar({ counts, total }: { counts: Partial<Record<HostState, number>>; total: number }) {
  const segs = barSegments(counts);
  return (
    <Box>
      <div
        data-testid="batch-state-bar"
        role="img"
        aria-label={segs.map((s) => `${s.count} ${s.state}`).join(', ') || 'no hosts'}
        style={{
          display: 'flex',
          height: 14,
          borderRadius: 7,
          overflow: 'hidden',
          background: 'var(--mantine-color-default-border)',
        }}
      >
        {segs.map((s) => (
          <Tooltip key={s.state} label={`${s.state}: ${s.count}`}>
            <div
              data-state={s.state}
              data-count={s.count}
              style={{ width: `${s.pct}%`, background: s.color, transition: 'width 200ms' }}
            />
          </Tooltip>
        ))}
      </div>
      <Group gap="md" mt={4}>
        {segs.map((s) => (
          <Group key={s.state} gap={4}>
            <div style={{ width: 10, height: 10, borderRadius: 2, background: s.color }} />
            <Text size="xs">
              {s.state} {s.count}
            </Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          of {total}
        </Text>
      </Group>
    </Box>
  );
}
