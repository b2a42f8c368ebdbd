import { Button, FileButton, Group, Modal, PasswordInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { secretKinds, type SecretKind, type SecretMeta } from '../../../shared/api/vault';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { notifyError, notifyOk } from '../../shell/notify';
import { requireUnlocked } from '../../shell/vault-require-unlocked';

const kindLabels: Record<SecretKind, string> = {
  password: 'Password',
  'ssh-key': 'SSH private key',
  kubeconfig: 'kubeconfig',
  token: 'Bearer / API token',
  generic: 'Generic',
};

interface Props {
  opened: boolean;
  /** set: replace this secret's value; unset: add a new secret */
  replacing: SecretMeta | null;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Secret values live in this modal's state only while typed: they are cleared the
 * moment the form is submitted, and never reach a store.
 */
export function SecretFormModal({ opened, replacing, onClose, onDone }: Props) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SecretKind>('ssh-key');
  const [notes, setNotes] = useState('');
  const [value, setValue] = useState('');
  const [keyPass, setKeyPass] = useState('');
  const [busy, setBusy] = useState(false);
  const effectiveKind = replacing?.kind ?? kind;
  const masked = effectiveKind === 'password' || effectiveKind === 'token';

  const clearSecrets = () => {
    setValue('');
    setKeyPass('');
  };
  const close = () => {
    clearSecrets();
    onClose();
  };
  const loadFile = async (f: File | null) => {
    if (!f) return;
    try {
      setValue(await f.text());
    } catch (e) {
      notifyError(new Error(`Could not read ${f.name}: ${errorMessage(e)}`));
    }
  };

  const submit = async () => {
    const v = value;
    const kp = effectiveKind === 'ssh-key' && keyPass ? keyPass : undefined;
    clearSecrets();
    setBusy(true);
    try {
      if (replacing) {
        await requireUnlocked(() =>
          client.call('vault.secrets.replace', { id: replacing.id, value: v, ...(kp ? { keyPassphrase: kp } : {}) }),
        );
        notifyOk(`${replacing.name}: value replaced.`);
      } else {
        const m = await requireUnlocked(() =>
          client.call('vault.secrets.create', { name, kind, value: v, notes, ...(kp ? { keyPassphrase: kp } : {}) }),
        );
        notifyOk(`${m.name} sealed in the vault.`);
        setName('');
        setNotes('');
      }
      onDone();
      onClose();
    } catch (e) {
      notifyError(e, replacing ? 'Could not replace the secret' : 'Could not add the secret');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={replacing ? `Replace the value of ${replacing.name}` : 'Add a secret'}
      size="lg"
    >
      <Stack gap="sm">
        {!replacing && (
          <>
            <TextInput
              label="Name"
              data-testid="secret-name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label="Kind"
              data-testid="secret-kind"
              allowDeselect={false}
              data={secretKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as SecretKind)}
            />
          </>
        )}
        {masked ? (
          <PasswordInput
            label="Value"
            autoComplete="off"
            data-testid="secret-value"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        ) : (
          <Textarea
            label="Value"
            autosize
            minRows={4}
            maxRows={14}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            placeholder={effectiveKind === 'ssh-key' ? '-----BEGIN OPENSSH PRIVATE KEY-----' : undefined}
            data-testid="secret-value"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        )}
        {effectiveKind !== 'password' && effectiveKind !== 'token' && (
          <FileButton
            onChange={(f) => void loadFile(f)}
            inputProps={{ 'data-testid': 'secret-file' } as React.ComponentProps<'input'>}
          >
            {(props) => (
              <Button {...props} variant="subtle" size="xs" leftSection={<IconFileUpload size={14} />} w={200}>
                Load from file…
              </Button>
            )}
          </FileButton>
        )}
        {effectiveKind === 'ssh-key' && (
          <PasswordInput
            label="Key passphrase (if the key has one)"
            autoComplete="off"
            data-testid="secret-key-passphrase"
            value={keyPass}
            onChange={(e) => setKeyPass(e.currentTarget.value)}
          />
        )}
        {!replacing && (
          <Textarea
            label="Notes"
            autosize
            minRows={1}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            data-testid="secret-submit"
            loading={busy}
            disabled={!value || (!replacing && !name.trim())}
            onClick={() => void submit()}
          >
            {replacing ? 'Replace' : 'Seal'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
