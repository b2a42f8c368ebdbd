import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { VaultStatus } from '../../shared/api/vault';
import { client } from '../api/client';
import { errorMessage } from '../api/errors';

interface Props {
  status: VaultStatus;
  onUnlocked: (s: VaultStatus) => void;
  onCancel?: () => void;
}

/** The passphrase stays in this component's state only until the call is sent. */
export function VaultUnlockForm({ status, onUnlocked, onCancel }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const value = passphrase;
    setPassphrase('');
    setBusy(true);
    setError(null);
    try {
      const s = await client.call('vault.unlock', {
        passphrase: value,
        remember: remember && status.remember.available,
      });
      onUnlocked(s);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const unlockRemembered = async () => {
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await client.call('vault.unlockRemembered'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <PasswordInput
        label="Master passphrase"
        autoFocus
        autoComplete="current-password"
        data-testid="vault-unlock-passphrase"
        value={passphrase}
        onChange={(e) => setPassphrase(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && passphrase && void submit()}
      />
      {status.remember.available ? (
        <Checkbox
          label="Remember unlock on this device"
          data-testid="vault-unlock-remember"
          checked={remember}
          onChange={(e) => setRemember(e.currentTarget.checked)}
        />
      ) : (
        <Text size="xs" c="dimmed" data-testid="vault-remember-unavailable">
          Remember on this device is not available: {status.remember.reason}
        </Text>
      )}
      {error && (
        <Alert color="red" data-testid="vault-unlock-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        {status.remember.remembered && (
          <Button variant="light" loading={busy} onClick={() => void unlockRemembered()}>
            Unlock with this device
          </Button>
        )}
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button data-testid="vault-unlock-submit" loading={busy} disabled={!passphrase} onClick={() => void submit()}>
          Unlock
        </Button>
      </Group>
    </Stack>
  );
}
