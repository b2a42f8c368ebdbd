import { ActionIcon, Badge, Box, Group, Switch, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsLeftRight, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import { tabLabel } from './terminal-pure';
import { TerminalSearch } from './TerminalSearch';
import { handleFor, useTerminals } from './terminals-store';

const stateColor = { connecting: 'yellow', open: 'green', closed: 'red' } as const;

/** One side of the split: its tab strip and the one terminal it shows. */
export function TerminalPane({ pane }: { pane: 0 | 1 }) {
  // Select the array itself: a filtered copy would be a new value on every read and loop the render.
  const allTabs = useTerminals((s) => s.tabs);
  const tabs = useMemo(() => allTabs.filter((t) => t.pane === pane), [allTabs, pane]);
  const activeKey = useTerminals((s) => s.active[pane]);
  const broadcast = useTerminals((s) => s.broadcast);
  const searchOpen = useTerminals((s) => s.searchPane === pane);
  const split = useTerminals((s) => s.split);
  const { activate, close, toggleReceive, setSearchPane, moveToOtherPane } = useTerminals.getState();
  const holder = useRef<HTMLDivElement>(null);
  const active = tabs.find((t) => t.key === activeKey) ?? null;

  // Only the shown terminal is in the DOM; switching tabs moves xterm's element, it does not rebuild it.
  useEffect(() => {
    const el = holder.current;
    const h = activeKey ? handleFor(activeKey) : undefined;
    if (!el || !h) return;
    h.attach(el);
    return () => h.detach();
  }, [activeKey]);

  return (
    <Box
      data-testid="terminal-pane"
      data-pane={pane}
      onMouseDown={() => activeKey && activate(pane, activeKey)}
      style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0, height: '100%' }}
    >
      <Group gap={4} wrap="nowrap" style={{ overflowX: 'auto', flexShrink: 0 }} pb={4}>
        {tabs.map((t) => (
          <Group
            key={t.key}
            gap={4}
            wrap="nowrap"
            px={6}
            py={2}
            style={{
              borderRadius: 4,
              flexShrink: 0,
              border: '1px solid var(--mantine-color-default-border)',
              background: t.key === activeKey ? 'var(--mantine-primary-color-light)' : undefined,
            }}
          >
            <UnstyledButton
              data-testid="terminal-tab"
              data-id={t.sessionId ?? ''}
              data-key={t.key}
              data-state={t.state}
              title={tabLabel(t.title, t.state, t.reason)}
              onClick={() => activate(pane, t.key)}
            >
              <Group gap={4} wrap="nowrap">
                <Badge size="xs" circle color={stateColor[t.state]} />
                <Text size="xs" maw={260} truncate="end">
                  {tabLabel(t.title, t.state, t.reason)}
                </Text>
                {t.recording && (
                  <Badge size="xs" color="red" variant="light">
                    rec
                  </Badge>
                )}
              </Group>
            </UnstyledButton>
            {broadcast && (
              <Tooltip label="Receive broadcast input">
                <Switch
                  size="xs"
                  data-testid="terminal-broadcast-toggle"
                  data-key={t.key}
                  aria-label={`${t.title} receives broadcast input`}
                  checked={t.receiveBroadcast}
                  onChange={() => toggleReceive(t.key)}
                />
              </Tooltip>
            )}
            <ActionIcon
              size="xs"
              variant="subtle"
              aria-label={`Close ${t.title}`}
              data-testid="terminal-tab-close"
              onClick={() => close(t.key)}
            >
              <IconX size={12} />
            </ActionIcon>
          </Group>
        ))}
      </Group>
      <Group gap={6} wrap="nowrap" justify="space-between" pb={4} style={{ flexShrink: 0 }}>
        <Group gap={6}>
          {active?.state === 'closed' && (
            <Text size="xs" c="red" data-testid="terminal-closed-reason">
              connection closed{active.reason ? `: ${active.reason}` : ''}
            </Text>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {searchOpen && active ? (
            <TerminalSearch handle={handleFor(active.key)} onClose={() => setSearchPane(null)} />
          ) : (
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label="Search scrollback (Ctrl+Shift+F)"
              disabled={!active}
              onClick={() => setSearchPane(pane)}
            >
              <IconSearch size={14} />
            </ActionIcon>
          )}
          <Tooltip label={split ? 'Move to the other pane' : 'Split and move here to the right'}>
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label="Move to the other pane"
              disabled={!active}
              onClick={() => active && moveToOtherPane(active.key)}
            >
              <IconArrowsLeftRight size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <div
        data-testid="terminal-screen"
        onContextMenu={(e) => {
          // Right-click pastes, as in most terminal emulators on Linux.
          const h = activeKey ? handleFor(activeKey) : undefined;
          if (!h) return;
          e.preventDefault();
          void h.pasteFromClipboard();
        }}
        style={{ flex: 1, minHeight: 200, background: '#000', borderRadius: 4, overflow: 'hidden', padding: 4 }}
      >
        {!active && (
          <Text c="dimmed" size="sm" p="md">
            No terminal here. Open one with “New terminal”.
          </Text>
        )}
        {/* xterm's element is moved in and out of here by hand, so React keeps no children in it. */}
        <div ref={holder} style={{ width: '100%', height: '100%' }} />
      </div>
    </Box>
  );
}
