import { Accordion, Alert, Badge, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useCall } from '../../api/use-call';
import { LogResults } from './LogResults';
import { LogSearchBar } from './LogSearchBar';
import { SourcesPanel } from './SourcesPanel';
import { type LogFilter, emptyLogFilter } from './tail-filter';
import { useLogFeed } from './use-log-feed';

export function HostLogsView() {
  const sources = useCall('monitoring.logs.sources.list');
  const [filter, setFilter] = useState<LogFilter>(emptyLogFilter);
  const [debounced] = useDebouncedValue(filter, 300);
  const [tail, setTail] = useState(false);
  const feed = useLogFeed(debounced, tail);

  const hosts = useMemo(() => [...new Set((sources.data ?? []).map((s) => s.ci.name))].sort(), [sources.data]);
  const units = useMemo(
    () =>
      [
        ...new Set((sources.data ?? []).flatMap((s) => (s.kind === 'file' ? (s.path ? [s.path] : []) : s.units))),
      ].sort(),
    [sources.data],
  );

  return (
    <Stack data-testid="view-hostlogs" gap="sm">
      <Title order={3}>Host logs</Title>
      <Accordion variant="contained" defaultValue={null} chevronPosition="left">
        <Accordion.Item value="sources">
          <Accordion.Control>
            <Group gap="xs">
              <Text size="sm" fw={500}>
                Sources
              </Text>
              {sources.data && (
                <Badge size="sm" variant="light" color="gray">
                  {sources.data.length}
                </Badge>
              )}
              {sources.data?.some((s) => s.lastError) && (
                <Badge size="sm" variant="light" color="red">
                  {sources.data.filter((s) => s.lastError).length} failing
                </Badge>
              )}
              {sources.error && (
                <Badge size="sm" variant="light" color="red" data-testid="hostlogs-sources-error">
                  could not be read
                </Badge>
              )}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <SourcesPanel sources={sources.data} error={sources.error} reload={sources.reload} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <LogSearchBar value={filter} onChange={setFilter} hosts={hosts} units={units} />
      <Group gap="md">
        <Switch
          size="xs"
          label="Live tail"
          data-testid="hostlogs-tail"
          checked={tail}
          onChange={(e) => setTail(e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed" data-testid="hostlogs-total" data-total={feed.total ?? ''}>
          {feed.total === null
            ? feed.loading
              ? 'searching…'
              : ''
            : `${feed.total.toLocaleString()} matching line${feed.total === 1 ? '' : 's'}${feed.tookMs !== null ? ` in ${Math.round(feed.tookMs)} ms` : ''}`}
          {feed.lines.length > 0 && feed.total !== null && `, ${feed.lines.length.toLocaleString()} shown`}
        </Text>
        {tail && (
          <Text size="xs" c="teal" data-testid="hostlogs-tailed">
            following new lines{feed.tailed ? ` (+${feed.tailed})` : ''}
          </Text>
        )}
      </Group>
      {feed.error && (
        <Alert color="red" title="The search failed" data-testid="hostlogs-error">
          {feed.error}
        </Alert>
      )}
      <LogResults
        lines={feed.lines}
        query={feed.query}
        shift={feed.shift}
        searchSeq={feed.searchSeq}
        hasOlder={feed.hasOlder}
        loading={feed.loading}
        failed={feed.error !== null}
        onLoadOlder={feed.loadOlder}
      />
    </Stack>
  );
}
