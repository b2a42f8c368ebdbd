import { Button, FileButton, Group, NumberInput, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlayerPlay, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { BatchRun, Snippet, TargetSelector } from '../../../shared/api/ssh';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { notifyError } from '../../shell/notify';
import { formatBytes } from '../format';
import { fileToBase64 } from './download';
import { SaveSnippetModal } from './SaveSnippetModal';
import { paramValues } from './snippet-params';

interface Props {
  targets: TargetSelector;
  canRun: boolean;
  initialCommand: string;
  /** starts the run through the confirm flow */
  onRun: (call: (confirmed: boolean) => Promise<BatchRun>) => Promise<void>;
}

/** What to do on the targets: a command or snippet, or a file to push or fetch; with concurrency and timeout. */
export function ActionForm({ targets, canRun, initialCommand, onRun }: Props) {
  const snippets = useCall('ssh.snippets.list');
  const [mode, setMode] = useState<string | null>('command');
  const [command, setCommand] = useState(initialCommand);
  const [snippetId, setSnippetId] = useState<string | null>(null);
  const [params, setParams] = useState<Record<string, string>>({});
  const [concurrency, setConcurrency] = useState<number>(20);
  const [timeoutSec, setTimeoutSec] = useState<number>(60);
  const [saving, setSaving] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [remotePath, setRemotePath] = useState('');
  const [fileMode, setFileMode] = useState('644');
  const [localDir, setLocalDir] = useState('');
  const [busy, setBusy] = useState(false);

  const snippet: Snippet | undefined = snippets.data?.snippets.find((s) => s.id === snippetId);
  const common = { targets, concurrency, timeoutSec };
  const modeOk = /^[0-7]{3,4}$/.test(fileMode);

  const ready =
    canRun &&
    !busy &&
    (mode === 'command'
      ? Boolean(snippet || command.trim())
      : mode === 'push'
        ? Boolean(file && remotePath.trim() && modeOk)
        : Boolean(remotePath.trim() && localDir.trim()));

  const run = async () => {
    setBusy(true);
    try {
      if (mode === 'command') {
        const body = snippet
          ? { ...common, snippet: { id: snippet.id, params: paramValues(snippet.params, params) } }
          : { ...common, command };
        await onRun((confirmed) => client.call('ssh.batch.run', { ...body, confirmed }));
      } else if (mode === 'push' && file) {
        const content = await fileToBase64(file);
        const input = { ...common, content, fileName: file.name, remotePath, mode: parseInt(fileMode, 8) };
        await onRun((confirmed) => client.call('ssh.files.push', { ...input, confirmed }));
      } else {
        await onRun((confirmed) => client.call('ssh.files.fetch', { ...common, remotePath, localDir, confirmed }));
      }
    } catch (e) {
      notifyError(e, 'Could not start the run');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Tabs value={mode} onChange={setMode}>
        <Tabs.List>
          <Tabs.Tab value="command" data-testid="batch-mode-command">
            Command
          </Tabs.Tab>
          <Tabs.Tab value="push" data-testid="batch-mode-push">
            Push file
          </Tabs.Tab>
          <Tabs.Tab value="fetch" data-testid="batch-mode-fetch">
            Fetch file
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {mode === 'command' && (
        <>
          <Group align="end" gap="xs">
            <Select
              size="xs"
              w={260}
              label="Snippet"
              placeholder={snippets.data?.snippets.length ? 'none: type a command' : 'no snippets saved'}
              clearable
              data-testid="batch-snippet"
              data={(snippets.data?.snippets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={snippetId}
              onChange={(v) => (setSnippetId(v), setParams({}))}
            />
            {!snippet && (
              <Button
                size="xs"
                variant="subtle"
                disabled={!command.trim()}
                onClick={() => setSaving(command)}
                data-testid="batch-save-snippet"
              >
                Save as snippet…
              </Button>
            )}
          </Group>
          {snippet ? (
            <Stack gap={4}>
              <Text size="xs" ff="monospace" c="dimmed">
                {snippet.template}
              </Text>
              <Group gap="xs">
                {snippet.params.map((p) => (
                  <TextInput
                    key={p.name}
                    size="xs"
                    label={p.name}
                    description={p.description}
                    placeholder={p.default}
                    value={params[p.name] ?? p.default}
                    onChange={(e) => setParams({ ...params, [p.name]: e.currentTarget.value })}
                  />
                ))}
              </Group>
            </Stack>
          ) : (
            <Textarea
              label="Command"
              description="Runs in each host's login shell. CI values and snippet parameters are passed quoted."
              autosize
              minRows={2}
              ff="monospace"
              data-testid="batch-command"
              value={command}
              onChange={(e) => setCommand(e.currentTarget.value)}
            />
          )}
        </>
      )}
      {(mode === 'push' || mode === 'fetch') && (
        <Group align="end" gap="xs">
          {mode === 'push' && (
            <FileButton
              onChange={setFile}
              inputProps={{ 'data-testid': 'batch-push-file' } as React.ComponentProps<'input'>}
            >
              {(props) => (
                <Button size="xs" variant="light" leftSection={<IconUpload size={14} />} {...props}>
                  {file ? `${file.name} (${formatBytes(file.size)})` : 'Choose file…'}
                </Button>
              )}
            </FileButton>
          )}
          <TextInput
            size="xs"
            w={300}
            label="Remote path"
            placeholder={mode === 'push' ? '/etc/motd' : '/var/log/syslog'}
            data-testid="batch-remote-path"
            value={remotePath}
            onChange={(e) => setRemotePath(e.currentTarget.value)}
          />
          {mode === 'push' ? (
            <TextInput
              size="xs"
              w={80}
              label="Mode"
              error={modeOk ? null : 'octal'}
              value={fileMode}
              onChange={(e) => setFileMode(e.currentTarget.value)}
            />
          ) : (
            <TextInput
              size="xs"
              w={300}
              label="Local folder"
              description="One file per host is written here."
              placeholder="/home/me/fetched"
              data-testid="batch-local-dir"
              value={localDir}
              onChange={(e) => setLocalDir(e.currentTarget.value)}
            />
          )}
        </Group>
      )}
      <Group align="end" gap="xs">
        <NumberInput
          size="xs"
          w={120}
          label="Concurrency"
          min={1}
          max={500}
          data-testid="batch-concurrency"
          value={concurrency}
          onChange={(v) => setConcurrency(typeof v === 'number' ? v : 20)}
        />
        <NumberInput
          size="xs"
          w={140}
          label="Timeout per host (s)"
          min={1}
          max={86400}
          data-testid="batch-timeout"
          value={timeoutSec}
          onChange={(v) => setTimeoutSec(typeof v === 'number' ? v : 60)}
        />
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          data-testid="batch-run"
          disabled={!ready}
          loading={busy}
          onClick={() => void run()}
        >
          Run
        </Button>
      </Group>
      <SaveSnippetModal
        template={saving}
        onClose={() => setSaving(null)}
        onSaved={(s) => {
          snippets.reload();
          setSnippetId(s.id);
        }}
      />
    </Stack>
  );
}
