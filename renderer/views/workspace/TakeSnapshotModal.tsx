import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';

export function TakeSnapshotModal({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    try {
      const s = await client.call('workspace.snapshots.take', label.trim() ? { label: label.trim() } : {});
      notifyOk(`Snapshot ${s.id} written.`, 'Snapshot taken');
      setLabel('');
      onDone();
      onClose();
    } catch (e) {
      notifyError(e, 'Snapshot failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Take snapshot">
      <TextInput
        label="Label (optional)"
        placeholder="before upgrade"
        maxLength={120}
        data-testid="snapshot-label-input"
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void take()}
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button data-testid="snapshot-confirm" loading={busy} onClick={take}>
          Take snapshot
        </Button>
      </Group>
    </Modal>
  );
}
