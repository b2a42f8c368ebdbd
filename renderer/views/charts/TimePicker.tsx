import { ActionIcon, Button, Group, Popover, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconClock, IconZoomOut } from '@tabler/icons-react';
import { useState } from 'react';
import type { TimeRange } from '../../../shared/api/monitoring-model';
import { describeRange, durationText, parseTimeInput, quickRanges, rangeOrNull, timeForInput } from './time';
import { zoomOut } from './zoom';

export { RefreshPicker } from './RefreshPicker';

interface Props {
  value: TimeRange;
  onChange(r: TimeRange): void;
}

/**
 * The dashboard's range: Grafana's quick relative ranges (now-5m … now-30d),
 * or an absolute from/to typed as "now-6h", a local "2026-11-27 09:30", or an
 * ISO time with a zone. A zoom-out button doubles the span around its centre.
 */
export function TimePicker({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  const openPicker = () => {
    setFrom(timeForInput(value.from));
    setTo(timeForInput(value.to));
    setError(null);
    setOpen(true);
  };
  const pick = (r: TimeRange) => {
    onChange(r);
    setOpen(false);
  };
  const apply = () => {
    const now = Date.now();
    const f = parseTimeInput(from, now);
    const t = parseTimeInput(to, now);
    if (f === null || t === null) {
      setError(`"${f === null ? from : to}" is not a time; write now-6h, now, or 2026-11-27 09:30.`);
      return;
    }
    if (!rangeOrNull({ from: f, to: t }, now)) {
      setError('The range must start before it ends.');
      return;
    }
    pick({ from: f, to: t });
  };
  const out = () => {
    const r = rangeOrNull(value, Date.now());
    if (!r) return;
    const z = zoomOut(r.fromMs, r.toMs);
    // Zooming out of "last 1h" stays relative (last 2h), as in Grafana; an absolute range stays absolute.
    if (value.to === 'now') onChange({ from: `now-${durationText(z.to - z.from)}`, to: 'now' });
    else onChange({ from: String(z.from), to: String(Math.min(z.to, Date.now())) });
  };

  return (
    <Group gap={4} wrap="nowrap" data-testid="time-picker" data-from={value.from} data-to={value.to}>
      <Popover opened={open} onChange={setOpen} position="bottom-end" shadow="md" withinPortal>
        <Popover.Target>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconClock size={14} />}
            data-testid="time-picker-button"
            onClick={() => (open ? setOpen(false) : openPicker())}
          >
            {describeRange(value)}
          </Button>
        </Popover.Target>
        <Popover.Dropdown data-testid="time-picker-dropdown">
          <Group align="flex-start" gap="lg" wrap="nowrap">
            <Stack gap={6} w={240}>
              <Text size="xs" fw={600}>
                Absolute range
              </Text>
              <TextInput
                size="xs"
                label="From"
                data-testid="time-picker-from"
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && apply()}
              />
              <TextInput
                size="xs"
                label="To"
                data-testid="time-picker-to"
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && apply()}
              />
              {error && (
                <Text size="xs" c="red" data-testid="time-picker-error">
                  {error}
                </Text>
              )}
              <Button size="xs" onClick={apply} data-testid="time-picker-apply">
                Apply time range
              </Button>
            </Stack>
            <Stack gap={0} w={150}>
              <Text size="xs" fw={600} mb={4}>
                Quick ranges
              </Text>
              {quickRanges.map((q) => (
                <UnstyledButton
                  key={q}
                  fz="xs"
                  py={3}
                  px={4}
                  data-testid={`time-picker-quick-${q}`}
                  fw={value.from === q && value.to === 'now' ? 700 : undefined}
                  onClick={() => pick({ from: q, to: 'now' })}
                >
                  {describeRange({ from: q, to: 'now' })}
                </UnstyledButton>
              ))}
            </Stack>
          </Group>
        </Popover.Dropdown>
      </Popover>
      <ActionIcon
        size="md"
        variant="default"
        aria-label="Zoom out"
        title="Zoom out (twice the span)"
        onClick={out}
        data-testid="time-picker-zoom-out"
      >
        <IconZoomOut size={14} />
      </ActionIcon>
    </Group>
  );
}
