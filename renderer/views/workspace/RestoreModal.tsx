import { Button, Code, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { Snapshot } from '../../../shared/api/workspace';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';

export function RestoreModal({
  snapshot,
  onClose,
  onDone,
}: {
  snapshot: Snapshot | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    if (!snapshot) return;
    setBusy(true);
    try {
      const r = await client.call('workspace.snapshots.restore', { id: snapshot.id });
      notifyOk(`Restored ${r.restored.id}; the previous state is kept as ${r.safety.id}.`, 'Workspace restored');
      // The view remounts and the shared lists reload on 'workspace.restored' (shell/restored-store.ts).
      onDone();
      onClose();
    } catch (e) {
      notifyError(e, 'Restore failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={snapshot !== null} onClose={onClose} title="Restore snapshot">
      {snapshot && (
        <>
          <Text>
            Replace the workspace with <Code>{snapshot.id}</Code>
            {snapshot.label ? ` (“${snapshot.label}”)` : ''}?
          </Text>
          <Text size="sm" c="dimmed" mt="xs">
            A safety snapshot of the current state is taken first, so this can be undone by restoring it.
          </Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" data-testid="restore-confirm" loading={busy} onClick={restore}>
              Restore
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
