import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { BatchRun, HostResult, outputGroup } from '../../../shared/api/ssh';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { notifyError } from '../../shell/notify';
import { formatTime } from '../format';
import { countStates, finalStates } from './batch-state';
import { BatchGrid } from './BatchGrid';
import { liveRuns, useLiveRun } from './batch-feed';
import { type ConfirmRequest, callWithConfirm } from './confirm-flow';
import { downloadText } from './download';
import { HostDrawer } from './HostDrawer';
import { OutputGroups } from './OutputGroups';
import { StateBar } from './StateBar';

interface Props {
  runId: string;
  ask: (req: ConfirmRequest) => Promise<boolean>;
  onRun: (run: BatchRun) => void;
}

/** One run, live: counts as a bar, the host grid, grouped outputs, and what can be done to it. */
export function RunPanel({ runId, ask, onRun }: Props) {
  const { live, version } = useLiveRun(runId);
  const [groups, setGroups] = useState<z.infer<typeof outputGroup>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const run = live?.run ?? null;
  const finished = run?.finishedAt != null;

  // The stored state once, and again when the run finishes (for the grouped outputs).
  useEffect(() => {
    let alive = true;
    client
      .call('ssh.batch.get', { runId })
      .then((r) => {
        if (!alive) return;
        liveRuns.load(r.run, r.hosts);
        setGroups(r.groups);
        setError(null);
      })
      .catch((e) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [runId, finished]);

  const rows = useMemo(
    () => (live ? live.order.map((id) => live.hosts.get(id)!).filter(Boolean) : []),
    // version: the live maps are mutated in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live, version],
  );
  const counts = useMemo(() => (rows.length ? countStates(rows) : (run?.counts ?? {})), [rows, run]);
  const failed = rows.filter((h) => finalStates.has(h.state) && h.state !== 'ok').length;

  const cancel = (ciId?: string) =>
    void client
      .call('ssh.batch.cancel', ciId ? { runId, ciId } : { runId })
      .then((r) => liveRuns.setRun(r))
      .catch((e) => notifyError(e, 'Could not cancel'));
  const retry = async () => {
    try {
      const r = await callWithConfirm((confirmed) => client.call('ssh.batch.retry', { runId, confirmed }), ask);
      if (r) onRun(r);
    } catch (e) {
      notifyError(e, 'Could not retry');
    }
  };
  const exportAs = async (format: 'json' | 'csv') => {
    try {
      const r = await client.call('ssh.batch.export', { runId, format });
      downloadText(r.fileName, r.content, format === 'json' ? 'application/json' : 'text/csv');
    } catch (e) {
      notifyError(e, 'Export failed');
    }
  };

  const openHost: HostResult | null = open ? (live?.hosts.get(open) ?? null) : null;
  return (
    <Stack gap="sm" data-testid="batch-run-panel" data-run={runId} data-finished={finished ? 'yes' : 'no'}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={5}>
            {run ? `${run.kind}: ${run.command}` : 'Run'}{' '}
            <Badge size="sm" color={finished ? 'gray' : 'blue'}>
              {finished ? 'finished' : 'running'}
            </Badge>
          </Title>
          {run && (
            <Text size="xs" c="dimmed">
              by {run.actor} at {formatTime(run.createdAt)} · concurrency {run.concurrency} · timeout {run.timeoutSec} s
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={14} />}
            data-testid="batch-cancel"
            disabled={finished}
            onClick={() => cancel()}
          >
            Cancel run
          </Button>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            data-testid="batch-retry"
            disabled={!finished || failed === 0}
            onClick={() => void retry()}
          >
            Retry {failed > 0 ? failed : ''} failed
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconDownload size={14} />}
            data-testid="batch-export-json"
            onClick={() => void exportAs('json')}
          >
            JSON
          </Button>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconDownload size={14} />}
            data-testid="batch-export-csv"
            onClick={() => void exportAs('csv')}
          >
            CSV
          </Button>
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <StateBar counts={counts} total={run?.total ?? rows.length} />
      <BatchGrid rows={rows} version={version} showSha={run?.kind !== 'command' && run !== null} onOpen={setOpen} />
      <Title order={6}>Grouped output</Title>
      <OutputGroups groups={groups} />
      <HostDrawer host={openHost} onClose={() => setOpen(null)} onCancel={(id) => cancel(id)} />
    </Stack>
  );
}
