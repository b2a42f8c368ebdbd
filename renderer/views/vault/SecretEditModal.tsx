import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SecretMeta } from '../../../shared/api/vault';
import { client } from '../../api/client';
import { notifyError } from '../../shell/notify';
import { requireUnlocked } from '../../shell/vault-require-unlocked';

export function SecretEditModal({
  secret,
  onClose,
  onDone,
}: {
  secret: SecretMeta | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setName(secret?.name ?? '');
    setNotes(secret?.notes ?? '');
  }, [secret]);
  const save = async () => {
    if (!secret) return;
    setBusy(true);
    try {
      await requireUnlocked(() => client.call('vault.secrets.update', { id: secret.id, name, notes }));
      onDone();
      onClose();
    } catch (e) {
      notifyError(e, 'Could not save');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={secret !== null} onClose={onClose} title="Rename or annotate">
      <Stack gap="sm">
        <TextInput
          label="Name"
          data-testid="secret-edit-name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button data-testid="secret-edit-submit" loading={busy} disabled={!name.trim()} onClick={() => void save()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
