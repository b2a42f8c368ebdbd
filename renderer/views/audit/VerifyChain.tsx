import { Alert, Button, Group } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../shared/api/audit';
import { client } from '../../api/client';
import { notifyError } from '../../shell/notify';

export function verifyMessage(r: AuditVerifyResult): string {
  return r.ok
    ? `Audit chain intact: ${r.entries} entries`
    : `Audit chain broken at entry ${r.firstBad.seq}: ${r.firstBad.reason}`;
}

export function VerifyButton({ onResult }: { onResult: (r: AuditVerifyResult | null) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onResult(null);
    try {
      onResult(await client.call('audit.verify'));
    } catch (e) {
      notifyError(e, 'Could not verify the audit chain');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      data-testid="audit-verify"
      leftSection={<IconShieldCheck size={16} />}
      loading={busy}
      onClick={run}
      variant="light"
    >
      Verify chain
    </Button>
  );
}

export function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  return (
    <Group>
      <Alert
        flex={1}
        data-testid="audit-verify-result"
        data-ok={String(result.ok)}
        color={result.ok ? 'green' : 'red'}
        withCloseButton
        onClose={onClose}
      >
        {verifyMessage(result)}
      </Alert>
    </Group>
  );
}
