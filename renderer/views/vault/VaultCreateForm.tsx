import { Alert, Button, Card, Group, PasswordInput, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { VaultStatus } from '../../../shared/api/vault';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { minPassphrase, passphraseStrength } from './passphrase-strength';

const colors = ['red', 'red', 'orange', 'yellow', 'green'] as const;

/** First use: choose the master passphrase. It is never stored, so it cannot be recovered. */
export function VaultCreateForm({ onCreated }: { onCreated: (s: VaultStatus) => void }) {
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = passphraseStrength(pass);
  const mismatch = confirm.length > 0 && confirm !== pass;

  const submit = async () => {
    const value = pass;
    setPass('');
    setConfirm('');
    setBusy(true);
    setError(null);
    try {
      onCreated(await client.call('vault.init', { passphrase: value }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" maw={560}>
      <Stack gap="sm">
        <Title order={4}>Create the vault</Title>
        <Text size="sm">
          The vault seals SSH keys, passwords, kubeconfigs and tokens with a key derived from a master passphrase.
          Opsroom never stores the passphrase: <b>if it is lost, the secrets cannot be recovered</b>. Keep it in your
          team&apos;s password manager or a sealed envelope.
        </Text>
        <PasswordInput
          label="Master passphrase"
          autoComplete="new-password"
          data-testid="vault-init-passphrase"
          value={pass}
          onChange={(e) => setPass(e.currentTarget.value)}
        />
        {pass.length > 0 && (
          <Stack gap={2}>
            <Progress size="sm" value={strength.score * 25} color={colors[strength.score]} />
            <Text size="xs" c="dimmed" data-testid="vault-strength" data-score={strength.score}>
              {strength.label}: {strength.hint}
            </Text>
          </Stack>
        )}
        <PasswordInput
          label="Repeat it"
          autoComplete="new-password"
          data-testid="vault-init-confirm"
          value={confirm}
          error={mismatch ? 'The two passphrases differ' : undefined}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button
            data-testid="vault-init-submit"
            loading={busy}
            disabled={pass.length < minPassphrase || pass !== confirm}
            onClick={() => void submit()}
          >
            Create vault
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
