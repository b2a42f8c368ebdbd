import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/api/audit';
import { AuditDetailsDrawer } from './AuditDetailsDrawer';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditTable } from './AuditTable';
import type { AuditFilter } from './filter';
import { useAuditFeed } from './use-audit-feed';
import { VerifyButton, VerifyResult } from './VerifyChain';

export function AuditView() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const feed = useAuditFeed(filter);
  return (
    <Stack data-testid="view-audit" gap="sm">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={3}>Audit</Title>
          <Text size="sm" c="dimmed" data-testid="audit-total" data-total={feed.total ?? ''}>
            {feed.total === null ? 'loading…' : `${feed.total} entries`}
          </Text>
        </Group>
        <VerifyButton onResult={setVerify} />
      </Group>
      {verify && <VerifyResult result={verify} onClose={() => setVerify(null)} />}
      <AuditFilterBar value={filter} onChange={setFilter} />
      {feed.error && <Alert color="red">{feed.error}</Alert>}
      <AuditTable entries={feed.entries} hasMore={feed.hasMore} onNeedMore={feed.loadMore} onOpen={setOpen} />
      <AuditDetailsDrawer entry={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
