import { Alert, Button, Loader, Stack, Tabs } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/api/index';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { BlastTab } from './BlastTab';
import { CiFieldsPanel } from './CiFieldsPanel';
import { CiHeader } from './CiHeader';
import { CiSshActions } from './CiSshActions';
import { ConnectionPanel } from './ConnectionPanel';
import { GraphTab } from './GraphTab';
import { HistoryTab } from './HistoryTab';
import { RelationsPanel } from './RelationsPanel';

type Detail = CallOutput<'cmdb.ci.get'>;

/** One CI: attributes, connection, relationships, graph, blast radius and history. */
export function CiDetailView({ id }: { id: string }) {
  const detail = useCall('cmdb.ci.get', { id });
  const relTypes = useCall('cmdb.relations.types');
  const fieldDefs = useCall('cmdb.fields.list');
  const [local, setLocal] = useState<Detail | null>(null);
  const [tab, setTab] = useState<string | null>('overview');
  const [tick, setTick] = useState(0);
  const [impacted, setImpacted] = useState<ReadonlySet<string>>(new Set());
  const { reload } = detail;

  useEffect(() => setLocal(detail.data ?? null), [detail.data]);
  const refresh = useCallback(() => {
    reload();
    setTick((t) => t + 1);
  }, [reload]);
  // Someone else (or an import) changed this CI or its neighbours.
  useEffect(
    () =>
      client.on('cmdb.changed', (p) => {
        if (p.all || p.ids.includes(id)) refresh();
      }),
    [id, refresh],
  );

  const d = local;
  if (detail.error && !d)
    return (
      <Stack data-testid="view-ci" data-id={id}>
        <Alert color="red" title="Could not open this CI">
          {detail.error}
        </Alert>
        <Button variant="light" w={200} component="a" href="#/inventory">
          Back to the inventory
        </Button>
      </Stack>
    );
  if (!d)
    return (
      <Stack data-testid="view-ci" data-id={id}>
        <Loader size="sm" />
      </Stack>
    );

  const ci = d.ci;
  const ref = { id: ci.id, name: ci.name, type: ci.type };
  const onSaved = (next: Detail['ci']) => {
    setLocal({ ...d, ci: next });
    refresh();
  };
  return (
    <Stack data-testid="view-ci" data-id={ci.id} gap="sm">
      <CiHeader ci={ci} />
      {(connectableTypes.includes(ci.type) || ci.connection?.address) && <CiSshActions ci={ci} />}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview" data-testid="ci-tab-overview">
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="graph" data-testid="ci-tab-graph">
            Graph
          </Tabs.Tab>
          <Tabs.Tab value="blast" data-testid="ci-tab-blast">
            Blast radius
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="ci-tab-history">
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="sm">
          <Stack gap="sm">
            <CiFieldsPanel ci={ci} fieldDefs={fieldDefs.data?.fields ?? []} onSaved={onSaved} onReload={refresh} />
            {(connectableTypes.includes(ci.type) || ci.connection) && (
              <ConnectionPanel
                ci={ci}
                credential={d.credential}
                jumpHost={d.jumpHost}
                onSaved={onSaved}
                onReload={refresh}
              />
            )}
            <RelationsPanel
              ci={ref}
              outgoing={d.outgoing}
              incoming={d.incoming}
              types={relTypes.data?.types ?? []}
              onChanged={refresh}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="sm">
          <GraphTab id={ci.id} tick={tick} highlight={impacted} relationTypes={relTypes.data?.types ?? []} />
        </Tabs.Panel>
        <Tabs.Panel value="blast" pt="sm">
          <BlastTab id={ci.id} tick={tick} onResult={setImpacted} onShowGraph={() => setTab('graph')} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <HistoryTab id={ci.id} tick={tick} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
