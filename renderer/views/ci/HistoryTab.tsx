import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { diffJson, summarizeEntry } from './history-diff';

const opColor: Record<HistoryEntry['op'], string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  relate: 'grape',
  unrelate: 'orange',
};

function Entry({ e }: { e: HistoryEntry }) {
  const lines = diffJson(e.before, e.after);
  return (
    <Card withBorder padding="sm" data-testid="history-entry" data-op={e.op} data-seq={e.auditSeq ?? ''}>
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          <Badge size="sm" color={opColor[e.op]}>
            {e.op}
          </Badge>
          <Text size="sm">{summarizeEntry(e, lines)}</Text>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {new Date(e.time).toLocaleString()}
          </Text>
          {e.auditSeq !== null && (
            <Anchor size="xs" href="#/audit" title={`Request ${e.requestId}`} data-testid="history-audit-link">
              audit #{e.auditSeq}
            </Anchor>
          )}
        </Group>
      </Group>
      <Stack gap={2}>
        {lines.map((l) => (
          <Text key={l.path} size="xs" ff="monospace" data-testid="history-diff-line" data-path={l.path}>
            <Text span fw={600} size="xs" ff="monospace">
              {l.path}
            </Text>
            :{' '}
            <Text span c="red" size="xs" ff="monospace" td={l.kind === 'added' ? undefined : 'line-through'}>
              {l.before}
            </Text>
            {' → '}
            <Text span c="green" size="xs" ff="monospace">
              {l.after}
            </Text>
            {l.note && (
              <Text span c="dimmed" size="xs">
                {' '}
                ({l.note})
              </Text>
            )}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** The CI's changes, newest first, each as `field: old → new`. */
export function HistoryTab({ id, tick }: { id: string; tick: number }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (before?: number) => {
      try {
        const r = await client.call(
          'cmdb.history',
          before === undefined ? { id, limit: 100 } : { id, before, limit: 100 },
        );
        setEntries((xs) => (before === undefined ? r.entries : [...xs, ...r.entries]));
        setNext(r.nextBefore);
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [id],
  );
  useEffect(() => {
    void load();
  }, [load, tick]);

  return (
    <Stack gap="xs">
      {error && <Alert color="red">{error}</Alert>}
      {entries.length === 0 && !error && <Text c="dimmed">No recorded changes.</Text>}
      {entries.map((e) => (
        <Entry key={e.id} e={e} />
      ))}
      {next !== null && (
        <Button variant="subtle" size="xs" onClick={() => void load(next)}>
          Older changes
        </Button>
      )}
    </Stack>
  );
}
