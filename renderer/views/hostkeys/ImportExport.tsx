import { Alert, Button, FileButton, Group, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { CallOutput } from '../../../shared/api/index';
import { client } from '../../api/client';
import { notifyError } from '../../shell/notify';
import { downloadText } from '../batch/download';

type ImportResult = CallOutput<'ssh.hostkeys.import'>;

/** known_hosts in (plain, hashed, [host]:port, @revoked) and out (plain or hashed). */
export function ImportExport({ onImported }: { onImported: () => void }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [hashed, setHashed] = useState('plain');

  const importFile = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      setResult(await client.call('ssh.hostkeys.import', { content: await file.text(), fileName: file.name }));
      onImported();
    } catch (e) {
      notifyError(e, 'Import failed');
    } finally {
      setBusy(false);
    }
  };
  const exportFile = async () => {
    try {
      const r = await client.call('ssh.hostkeys.export', { hashed: hashed === 'hashed' });
      downloadText(hashed === 'hashed' ? 'known_hosts.hashed' : 'known_hosts', r.content);
    } catch (e) {
      notifyError(e, 'Export failed');
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <FileButton
          onChange={(f) => void importFile(f)}
          inputProps={{ 'data-testid': 'hostkeys-import-file' } as React.ComponentProps<'input'>}
        >
          {(props) => (
            <Button size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={busy} {...props}>
              Import known_hosts…
            </Button>
          )}
        </FileButton>
        <SegmentedControl
          size="xs"
          value={hashed}
          onChange={setHashed}
          data={[
            { value: 'plain', label: 'Plain' },
            { value: 'hashed', label: 'Hashed (|1|)' },
          ]}
        />
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconDownload size={14} />}
          data-testid="hostkeys-export"
          onClick={() => void exportFile()}
        >
          Export
        </Button>
      </Group>
      {result && (
        <Alert
          color={result.errors.length ? 'orange' : 'green'}
          data-testid="hostkeys-import-result"
          withCloseButton
          onClose={() => setResult(null)}
        >
          <Text size="sm">
            {result.imported} imported, {result.skipped} skipped (already known), {result.revoked} revoked.
          </Text>
          {result.unsupported.length > 0 && (
            <>
              <Text size="sm" fw={600} mt={4}>
                Not supported (not imported):
              </Text>
              <List size="xs">
                {result.unsupported.map((u) => (
                  <List.Item key={`u${u.line}`}>
                    line {u.line}: {u.message}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {result.errors.length > 0 && (
            <>
              <Text size="sm" fw={600} mt={4}>
                Lines that could not be read:
              </Text>
              <List size="xs">
                {result.errors.map((u) => (
                  <List.Item key={`e${u.line}`}>
                    line {u.line}: {u.message}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
    </Stack>
  );
}
