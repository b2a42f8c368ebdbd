import { Button, FileButton, Group, Modal, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { notifyError, notifyOk } from '../../shell/notify';
import { requireUnlocked } from '../../shell/vault-require-unlocked';
import { minPassphrase } from './passphrase-strength';
import { base64ToBytes, bytesToBase64, downloadBytes, exportFileName } from './vault-file';

/** Every secret, sealed again under an export passphrase, saved as a file to carry elsewhere. */
export function ExportVaultModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const clear = () => (setPass(''), setConfirm(''));
  const submit = async () => {
    const exportPassphrase = pass;
    clear();
    setBusy(true);
    try {
      const r = await requireUnlocked(() => client.call('vault.export', { exportPassphrase }));
      downloadBytes(base64ToBytes(r.content), exportFileName(new Date()));
      notifyOk(`${r.secrets} secrets exported.`);
      onClose();
    } catch (e) {
      notifyError(e, 'Export failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={() => (clear(), onClose())} title="Export the vault">
      <Stack gap="sm">
        <Text size="sm">
          The file is encrypted with the passphrase you choose here (not the master passphrase). Whoever imports it
          needs this passphrase.
        </Text>
        <PasswordInput
          label="Export passphrase"
          data-testid="vault-export-passphrase"
          value={pass}
          onChange={(e) => setPass(e.currentTarget.value)}
        />
        <PasswordInput
          label="Repeat it"
          data-testid="vault-export-confirm"
          value={confirm}
          error={confirm && confirm !== pass ? 'The two passphrases differ' : undefined}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => (clear(), onClose())}>
            Cancel
          </Button>
          <Button
            data-testid="vault-export-submit"
            loading={busy}
            disabled={pass.length < minPassphrase || pass !== confirm}
            onClick={() => void submit()}
          >
            Export
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type OnConflict = 'skip' | 'replace' | 'keep-both';

export function ImportVaultModal({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [pass, setPass] = useState('');
  const [onConflict, setOnConflict] = useState<OnConflict>('skip');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPass('');
    setFile(null);
    onClose();
  };
  const pick = async (f: File | null) => {
    if (!f) return;
    try {
      setFile({ name: f.name, content: bytesToBase64(new Uint8Array(await f.arrayBuffer())) });
    } catch (e) {
      notifyError(new Error(`Could not read ${f.name}: ${errorMessage(e)}`));
    }
  };
  const submit = async () => {
    if (!file) return;
    const input = { content: file.content, exportPassphrase: pass, onConflict };
    setPass('');
    setBusy(true);
    try {
      const r = await requireUnlocked(() => client.call('vault.import', input));
      notifyOk(`${r.imported} imported, ${r.replaced} replaced, ${r.skipped} skipped.`, 'Vault import');
      onDone();
      close();
    } catch (e) {
      notifyError(e, 'Import failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Import secrets from an export file">
      <Stack gap="sm">
        <Group>
          <FileButton
            onChange={(f) => void pick(f)}
            accept=".opsvault,application/octet-stream"
            inputProps={{ 'data-testid': 'vault-import-file' } as React.ComponentProps<'input'>}
          >
            {(props) => (
              <Button {...props} variant="light">
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm">{file?.name ?? 'No file chosen'}</Text>
        </Group>
        <PasswordInput
          label="Export passphrase"
          data-testid="vault-import-passphrase"
          value={pass}
          onChange={(e) => setPass(e.currentTarget.value)}
        />
        <div>
          <Text size="sm" mb={4}>
            When a secret with the same name exists
          </Text>
          <SegmentedControl
            data-testid="vault-import-conflict"
            value={onConflict}
            onChange={(v) => setOnConflict(v as OnConflict)}
            data={[
              { value: 'skip', label: 'Keep mine' },
              { value: 'replace', label: 'Replace' },
              { value: 'keep-both', label: 'Keep both' },
            ]}
          />
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            data-testid="vault-import-submit"
            loading={busy}
            disabled={!file || !pass}
            onClick={() => void submit()}
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
