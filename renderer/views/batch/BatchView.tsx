import { Paper, Stack, Tabs, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/api/index';
import type { BatchRun } from '../../../shared/api/ssh';
import { notifyError } from '../../shell/notify';
import { useInventory } from '../inventory/inventory-store';
import { ActionForm } from './ActionForm';
import { liveRuns, startBatchFeed } from './batch-feed';
import { callWithConfirm } from './confirm-flow';
import { useConfirmRun } from './ConfirmRunModal';
import { RunHistory } from './RunHistory';
import { RunPanel } from './RunPanel';
import { TargetPicker } from './TargetPicker';
import {
  type TargetDraft,
  emptyTargets,
  fromInventorySelection,
  hasTargets,
  readBatchHash,
  toSelector,
} from './targets';

/** Targets from the link that opened the view (`#/batch?ids=…`, `?selection=inventory`). */
function initialFromHash(): { draft: TargetDraft; note: string | null; command: string } {
  const r = readBatchHash(location.hash);
  if (r.fromInventory) {
    const inv = useInventory.getState();
    const { draft, excluded } = fromInventorySelection(inv.selection, inv.filter);
    return {
      draft,
      command: r.command ?? '',
      note: excluded
        ? `From the inventory's "all matching" selection: the ${excluded} row(s) unticked there are NOT excluded here.`
        : null,
    };
  }
  return { draft: r.ids.length ? { ...emptyTargets, ids: r.ids } : emptyTargets, note: null, command: r.command ?? '' };
}

/** Run a command, or push/fetch a file, on many hosts and watch each one. */
export function BatchView() {
  const [init] = useState(initialFromHash);
  const [draft, setDraft] = useState<TargetDraft>(init.draft);
  const [preview, setPreview] = useState<CallOutput<'ssh.targets.preview'> | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('run');
  const [tick, setTick] = useState(0);
  const { ask, modal } = useConfirmRun(preview?.production ?? 0);

  useEffect(() => startBatchFeed(), []);

  const show = (run: BatchRun) => {
    liveRuns.setRun(run);
    setRunId(run.id);
    setTab('run');
    setTick((t) => t + 1);
  };
  const start = async (call: (confirmed: boolean) => Promise<BatchRun>) => {
    try {
      const run = await callWithConfirm(call, ask);
      if (run) show(run);
    } catch (e) {
      notifyError(e, 'The run did not start');
    }
  };

  return (
    <Stack data-testid="view-batch" gap="sm">
      <Title order={3}>Batch run</Title>
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <TargetPicker value={draft} onChange={setDraft} onPreview={setPreview} note={init.note} />
          <ActionForm
            targets={toSelector(draft)}
            canRun={hasTargets(draft) && (preview?.total ?? 0) > 0}
            initialCommand={init.command}
            onRun={start}
          />
        </Stack>
      </Paper>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="run" data-testid="batch-tab-run">
            Current run
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="batch-tab-history">
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="run" pt="sm">
          {runId ? (
            <RunPanel key={runId} runId={runId} ask={ask} onRun={show} />
          ) : (
            <Title order={6} c="dimmed">
              No run on screen: start one above or open one from the history.
            </Title>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <RunHistory tick={tick} onOpen={(id) => (setRunId(id), setTab('run'))} />
        </Tabs.Panel>
      </Tabs>
      {modal}
    </Stack>
  );
}
