import '@xterm/xterm/css/xterm.css';
import { Badge, Button, Group, Stack, Switch, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { NewTerminalModal } from './NewTerminalModal';
import { RecordingsPanel } from './RecordingsPanel';
import { TerminalPane } from './TerminalPane';
import { useTerminals } from './terminals-store';

/** `#/terminals?new=1` opens the picker (palette, CI page); `#/terminals?ci=<id>&name=<n>` opens that host. */
function readHashRequest(): { picker: boolean; ci: { id: string; name: string } | null } {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const id = q.get('ci');
  return { picker: q.get('new') === '1', ci: id ? { id, name: q.get('name') ?? id } : null };
}

/** Interactive shells in tabs, optionally split in two panes, with broadcast input. */
export function TerminalsView() {
  const [picker, setPicker] = useState(false);
  const [tab, setTab] = useState<string | null>('terminals');
  const count = useTerminals((s) => s.tabs.length);
  const split = useTerminals((s) => s.split);
  const broadcast = useTerminals((s) => s.broadcast);
  const receivers = useTerminals((s) => s.tabs.filter((t) => t.receiveBroadcast && t.state !== 'closed').length);
  const { open, setSplit, setBroadcast } = useTerminals.getState();

  useEffect(() => {
    const consume = () => {
      const r = readHashRequest();
      if (!r.picker && !r.ci) return;
      // Drop the request from the URL so a reload does not open it again.
      history.replaceState(null, '', '#/terminals');
      if (r.ci) void open({ id: r.ci.id, name: r.ci.name, type: 'host' }, false);
      else setPicker(true);
    };
    consume();
    window.addEventListener('hashchange', consume);
    return () => window.removeEventListener('hashchange', consume);
  }, [open]);

  return (
    <Stack data-testid="view-terminals" gap="xs" style={{ height: 'calc(100vh - 120px)' }}>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="terminals">Terminals {count > 0 && <Badge size="xs">{count}</Badge>}</Tabs.Tab>
          <Tabs.Tab value="recordings" data-testid="terminal-recordings-tab">
            Recordings
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'recordings' ? (
        <RecordingsPanel />
      ) : (
        <>
          <Group justify="space-between">
            <Group gap="xs">
              <Button
                size="xs"
                leftSection={<IconPlus size={14} />}
                data-testid="terminal-new"
                onClick={() => setPicker(true)}
              >
                New terminal
              </Button>
              <Switch
                size="sm"
                label="Split"
                data-testid="terminal-split"
                checked={split}
                onChange={(e) => setSplit(e.currentTarget.checked)}
              />
              <Switch
                size="sm"
                color="orange"
                label="Broadcast input"
                data-testid="terminal-broadcast-mode"
                checked={broadcast}
                onChange={(e) => setBroadcast(e.currentTarget.checked)}
              />
            </Group>
            {broadcast && (
              <Text size="xs" c="orange" data-testid="terminal-broadcast-info">
                Typing goes to the terminal you type in and to {receivers} tab(s) switched on to receive it.
              </Text>
            )}
          </Group>
          <Group align="stretch" gap="xs" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
            <TerminalPane pane={0} />
            {split && <TerminalPane pane={1} />}
          </Group>
        </>
      )}
      <NewTerminalModal opened={picker} onClose={() => setPicker(false)} onOpen={(ci, rec) => void open(ci, rec)} />
    </Stack>
  );
}
