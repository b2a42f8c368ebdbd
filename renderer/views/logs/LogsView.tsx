import { Alert, Box, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { type AppLogLine, type LogLevel, logLevels } from '../../../shared/api/applog';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { appendCapped, logLineMatches, maxLogLines } from './log-filter';

const levelColor: Record<LogLevel, string> = { debug: 'dimmed', info: 'blue', warn: 'orange', error: 'red' };

function formatLine(l: AppLogLine): string {
  const data = l.data ? ` ${JSON.stringify(l.data)}` : '';
  return `${new Date(l.time).toISOString()} [${l.scope}] ${l.msg}${data}`;
}

export function LogsView() {
  const [minLevel, setMinLevel] = useState<LogLevel>('debug');
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const [lines, setLines] = useState<AppLogLine[]>([]);
  const [file, setFile] = useState('');
  const [error, setError] = useState<string | null>(null);
  const connection = useConnection((s) => s.state);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    client
      .call('applog.tail', { limit: maxLogLines, minLevel, text: debounced.trim() || undefined })
      .then((r) => live && (setLines(r.lines), setFile(r.file), setError(null)))
      .catch((e) => live && setError(errorMessage(e)));
    const off = client.on('applog.line', (l) => {
      if (live && logLineMatches(l, minLevel, debounced)) setLines((prev) => appendCapped(prev, l));
    });
    return () => {
      live = false;
      off();
    };
  }, [minLevel, debounced, connection]);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 20,
    overscan: 30,
  });

  // Follow the tail like `tail -f`.
  useEffect(() => {
    if (lines.length) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtualizer]);

  return (
    <Stack data-testid="view-logs" gap="sm">
      <Group justify="space-between">
        <Title order={3}>Logs</Title>
        <Text size="xs" c="dimmed" ff="monospace">
          {file}
        </Text>
      </Group>
      <Group gap="xs" align="end">
        <Select
          size="xs"
          w={120}
          label="Level at least"
          data-testid="logs-level"
          data={[...logLevels]}
          value={minLevel}
          allowDeselect={false}
          onChange={(v) => v && setMinLevel(v as LogLevel)}
        />
        <TextInput
          size="xs"
          label="Contains"
          data-testid="logs-text"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Box
        ref={scrollRef}
        data-testid="logs-scroll"
        ff="monospace"
        fz={12}
        style={{
          height: 'calc(100vh - 260px)',
          minHeight: 240,
          overflow: 'auto',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const l = lines[vi.index];
            return (
              <div
                key={vi.key}
                data-testid="log-line"
                data-level={l.level}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: 20,
                  transform: `translateY(${vi.start}px)`,
                  whiteSpace: 'pre',
                  padding: '0 8px',
                }}
              >
                <Text span c={levelColor[l.level]} ff="monospace" fz={12}>
                  {l.level.toUpperCase().padEnd(5)}
                </Text>{' '}
                {formatLine(l)}
              </div>
            );
          })}
        </div>
      </Box>
    </Stack>
  );
}
