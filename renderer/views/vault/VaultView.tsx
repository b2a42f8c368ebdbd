import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconKey, IconLock, IconPlus, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { SecretMeta } from '../../../shared/api/vault';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { notifyError } from '../../shell/notify';
import { VaultUnlockForm } from '../../shell/vault-unlock-form';
import { useVault, vaultState } from '../../shell/vault-store';
import { ChangePassphraseModal } from './ChangePassphraseModal';
import { DeleteSecretModal } from './DeleteSecretModal';
import { SecretEditModal } from './SecretEditModal';
import { SecretFormModal } from './SecretFormModal';
import { SecretsTable } from './SecretsTable';
import { VaultCreateForm } from './VaultCreateForm';
import { ExportVaultModal, ImportVaultModal } from './VaultTransferModals';

type Dialog = 'add' | 'passphrase' | 'export' | 'import' | null;

export function VaultView() {
  const status = useVault((s) => s.status);
  const setStatus = useVault((s) => s.setStatus);
  const state = vaultState(status);
  const list = useCall('vault.secrets.list', {});
  const { reload } = list;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [replacing, setReplacing] = useState<SecretMeta | null>(null);
  const [editing, setEditing] = useState<SecretMeta | null>(null);
  const [deleting, setDeleting] = useState<SecretMeta | null>(null);

  // 'vault.status' fires when secrets change too: the list follows it (useCall already fetched it on open).
  const seenStatus = useRef(status);
  useEffect(() => {
    if (seenStatus.current === status) return;
    seenStatus.current = status;
    if (status?.initialized) reload();
  }, [status, reload]);
  // Ask once on open, in case the status bar's feed has not answered yet.
  useEffect(() => {
    void client
      .call('vault.status')
      .then(setStatus)
      .catch(() => {});
  }, [setStatus]);

  const lock = async () => {
    try {
      setStatus(await client.call('vault.lock'));
    } catch (e) {
      notifyError(e, 'Could not lock the vault');
    }
  };
  const forget = async () => {
    try {
      setStatus(await client.call('vault.forget'));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Stack data-testid="view-vault" data-state={state} gap="md">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={3}>Vault</Title>
          {status?.initialized && (
            <Badge color={status.unlocked ? 'green' : 'orange'} data-testid="vault-view-state">
              {status.unlocked ? 'unlocked' : 'locked'}
            </Badge>
          )}
          {status?.initialized && (
            <Text size="sm" c="dimmed">
              {status.secrets} secret{status.secrets === 1 ? '' : 's'}
              {status.kdf ? ` · ${status.kdf.name}` : ''}
              {status.formatVersion !== null ? ` · format v${status.formatVersion}` : ''}
            </Text>
          )}
        </Group>
        {state === 'unlocked' && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconKey size={14} />}
              data-testid="vault-change-passphrase"
              onClick={() => setDialog('passphrase')}
            >
              Change passphrase
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              data-testid="vault-export"
              onClick={() => setDialog('export')}
            >
              Export
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUpload size={14} />}
              data-testid="vault-import"
              onClick={() => setDialog('import')}
            >
              Import
            </Button>
            {status?.remember.remembered && (
              <Button size="xs" variant="default" onClick={() => void forget()}>
                Forget this device
              </Button>
            )}
            <Button
              size="xs"
              color="orange"
              leftSection={<IconLock size={14} />}
              data-testid="vault-lock"
              onClick={() => void lock()}
            >
              Lock now
            </Button>
          </Group>
        )}
      </Group>

      {state === 'unknown' && <Loader size="sm" />}
      {state === 'none' && <VaultCreateForm onCreated={setStatus} />}
      {state === 'locked' && status && (
        <Card withBorder padding="lg" maw={520}>
          <Text fw={600} mb="sm">
            The vault is locked
          </Text>
          <VaultUnlockForm status={status} onUnlocked={setStatus} />
        </Card>
      )}
      {(state === 'locked' || state === 'unlocked') && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Names and metadata only; values never leave the vault.
            </Text>
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              data-testid="vault-add"
              onClick={() => setDialog('add')}
            >
              Add secret
            </Button>
          </Group>
          {list.error && <Alert color="red">{list.error}</Alert>}
          <SecretsTable
            secrets={list.data?.secrets ?? []}
            onReplace={setReplacing}
            onEdit={setEditing}
            onDelete={setDeleting}
          />
        </>
      )}

      <SecretFormModal
        opened={dialog === 'add' || replacing !== null}
        replacing={replacing}
        onClose={() => (setDialog(null), setReplacing(null))}
        onDone={reload}
      />
      <SecretEditModal secret={editing} onClose={() => setEditing(null)} onDone={reload} />
      <DeleteSecretModal secret={deleting} onClose={() => setDeleting(null)} onDone={reload} />
      <ChangePassphraseModal opened={dialog === 'passphrase'} onClose={() => setDialog(null)} />
      <ExportVaultModal opened={dialog === 'export'} onClose={() => setDialog(null)} />
      <ImportVaultModal opened={dialog === 'import'} onClose={() => setDialog(null)} onDone={reload} />
    </Stack>
  );
}
