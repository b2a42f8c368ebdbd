import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SecretMeta } from '../../../shared/api/vault';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { requireUnlocked } from '../../shell/vault-require-unlocked';
import { ciHash } from '../ci/ci-route';

/** Deleting a secret CIs still use needs `force`, which clears their credential. */
export function DeleteSecretModal({
  secret,
  onClose,
  onDone,
}: {
  secret: SecretMeta | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForce(false), [secret]);
  const inUse = (secret?.usedBy.length ?? 0) > 0;
  const remove = async () => {
    if (!secret) return;
    setBusy(true);
    try {
      const r = await requireUnlocked(() => client.call('vault.secrets.delete', { id: secret.id, force }));
      notifyOk(`${secret.name} deleted${r.detachedFrom ? `; detached from ${r.detachedFrom} CIs` : ''}.`);
      onDone();
      onClose();
    } catch (e) {
      notifyError(e, 'Could not delete the secret');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={secret !== null} onClose={onClose} title={`Delete ${secret?.name ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm">The sealed value is destroyed; there is no undo.</Text>
        {inUse && secret && (
          <Alert color="orange" title={`Used by ${secret.usedBy.length} CI${secret.usedBy.length === 1 ? '' : 's'}`}>
            <Group gap={6} mb="xs">
              {secret.usedBy.map((c) => (
                <Anchor key={c.id} size="sm" href={ciHash(c.id)}>
                  {c.name}
                </Anchor>
              ))}
            </Group>
            <Checkbox
              data-testid="secret-delete-force"
              label="Delete anyway and clear the credential of these CIs"
              checked={force}
              onChange={(e) => setForce(e.currentTarget.checked)}
            />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            data-testid="secret-delete-confirm"
            loading={busy}
            disabled={inUse && !force}
            onClick={() => void remove()}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
