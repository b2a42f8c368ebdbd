import { Badge, Group, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import type { Matcher } from '../../../shared/api/monitoring-model';
import { useAlertBadge } from '../../shell/alerts-notify';
import { FiringTab } from './FiringTab';
import { HistoryTab } from './HistoryTab';
import { RulesTab } from './RulesTab';
import { SilenceModal } from './SilenceModal';
import { SilencesTab } from './SilencesTab';

export function AlertsView() {
  const [tab, setTab] = useState<string | null>('firing');
  const [silencing, setSilencing] = useState<Matcher[] | null>(null);
  // Bumped when a silence is made or ended: the firing list and the silences list re-read.
  const [silenceVersion, setSilenceVersion] = useState(0);
  const firing = useAlertBadge((s) => s.count);
  const changed = () => setSilenceVersion((v) => v + 1);
  return (
    <Stack data-testid="view-alerts" gap="sm">
      <Group justify="space-between">
        <Title order={3}>Alerts</Title>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab
            value="firing"
            data-testid="alerts-tab-firing"
            rightSection={
              firing > 0 ? (
                <Badge size="xs" color="red" circle={firing < 10}>
                  {firing}
                </Badge>
              ) : undefined
            }
          >
            Firing now
          </Tabs.Tab>
          <Tabs.Tab value="rules" data-testid="alerts-tab-rules">
            Rules
          </Tabs.Tab>
          <Tabs.Tab value="silences" data-testid="alerts-tab-silences">
            Silences
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="alerts-tab-history">
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="firing">
          <FiringTab refreshKey={silenceVersion} onSilence={setSilencing} />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesTab />
        </Tabs.Panel>
        <Tabs.Panel value="silences">
          <SilencesTab refreshKey={silenceVersion} onNew={() => setSilencing([])} onChanged={changed} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryTab />
        </Tabs.Panel>
      </Tabs>
      <SilenceModal prefill={silencing} onClose={() => setSilencing(null)} onCreated={changed} />
    </Stack>
  );
}
