import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { minPassphrase, passphraseStrength } from './passphrase-strength';

export function ChangePassphraseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const clear = () => (setCurrent(''), setNext(''), setConfirm(''));
  const close = () => (clear(), onClose());
  const strength = passphraseStrength(next);

  const submit = async () => {
    const input = { current, next };
    clear();
    setBusy(true);
    try {
      await client.call('vault.changePassphrase', input);
      notifyOk('Master passphrase changed.');
      onClose();
    } catch (e) {
      notifyError(e, 'Could not change the passphrase');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Change the master passphrase">
      <Stack gap="sm">
        <PasswordInput
          label="Current passphrase"
          data-testid="vault-change-current"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label="New passphrase"
          data-testid="vault-change-next"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        {next && (
          <Text size="xs" c="dimmed">
            {strength.label}: {strength.hint}
          </Text>
        )}
        <PasswordInput
          label="Repeat the new passphrase"
          data-testid="vault-change-confirm"
          value={confirm}
          error={confirm && confirm !== next ? 'The two passphrases differ' : undefined}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            data-testid="vault-change-submit"
            loading={busy}
            disabled={!current || next.length < minPassphrase || next !== confirm}
            onClick={() => void submit()}
          >
            Change
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
