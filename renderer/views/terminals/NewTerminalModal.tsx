import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CiRef } from '../../../shared/api/cmdb-model';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';

interface Found extends CiRef {
  address: string | null;
  environment: string | null;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  onOpen: (ci: CiRef, record: boolean) => void;
}

/** Searches connectable CIs on the server (the CMDB may hold 100k) and opens a terminal to one. */
export function NewTerminalModal({ opened, onClose, onOpen }: Props) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 150);
  const [found, setFound] = useState<Found[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Found | null>(null);
  const [record, setRecord] = useState(false);

  useEffect(() => {
    if (!opened) return;
    let live = true;
    client
      .call('cmdb.search', {
        query: {
          text: debounced,
          types: [...connectableTypes],
          environments: [],
          statuses: [],
          criticalities: [],
          tags: [],
          fields: [],
        },
        limit: 30,
      })
      .then((r) => {
        if (!live) return;
        setError(null);
        setFound(
          r.items.map((c) => ({
            id: c.id,
            name: c.name,
            type: c.type,
            address: c.connection?.address ?? null,
            environment: c.environment,
          })),
        );
      })
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [debounced, opened]);

  const open = () => {
    if (!chosen) return;
    onOpen({ id: chosen.id, name: chosen.name, type: chosen.type }, record);
    setChosen(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New terminal" size="lg">
      <Stack gap="sm">
        <TextInput
          autoFocus
          placeholder="Search hosts by name, address, tag…"
          leftSection={<IconSearch size={14} />}
          data-testid="terminal-host-search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !chosen && found[0]) setChosen(found[0]);
            else if (e.key === 'Enter') open();
          }}
        />
        {error && (
          <Text c="red" size="sm">
            {error}
          </Text>
        )}
        <ScrollArea h={280} type="auto">
          <Stack gap={2}>
            {found.map((c) => (
              <UnstyledButton
                key={c.id}
                data-testid="terminal-host-option"
                data-id={c.id}
                data-name={c.name}
                onClick={() => setChosen(c)}
                onDoubleClick={() => (setChosen(c), onOpen(c, record), onClose())}
                px="xs"
                py={4}
                style={{
                  borderRadius: 4,
                  background: chosen?.id === c.id ? 'var(--mantine-primary-color-light)' : undefined,
                }}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[c.type, c.environment, c.address ?? 'no address'].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
            {found.length === 0 && !error && (
              <Text size="sm" c="dimmed">
                No host, VM or network device matches.
              </Text>
            )}
          </Stack>
        </ScrollArea>
        <Group justify="space-between">
          <Checkbox
            label="Record this session"
            description="Stored in the workspace for incident review (size-capped)."
            checked={record}
            data-testid="terminal-record"
            onChange={(e) => setRecord(e.currentTarget.checked)}
          />
          <Button data-testid="terminal-open" disabled={!chosen} onClick={open}>
            {chosen ? `Open ${chosen.name}` : 'Open'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
