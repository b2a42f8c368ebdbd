import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { KnownHost } from '../../../shared/api/ssh';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { formatTime } from '../format';

/** Rendering thousands of imported keys as table rows is slow; the filter narrows them. */
const shown = 500;

export function matchesKnown(k: KnownHost, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return [k.host, String(k.port), k.keyType, k.fingerprint, k.acceptedBy, k.source, k.comment].some((v) =>
    v.toLowerCase().includes(s),
  );
}

export function KnownHostsTable({ known, onChanged }: { known: KnownHost[]; onChanged: () => void }) {
  const [q, setQ] = useState('');
  const [removing, setRemoving] = useState<KnownHost | null>(null);
  const rows = known.filter((k) => matchesKnown(k, q));
  const remove = async () => {
    if (!removing) return;
    try {
      await client.call('ssh.hostkeys.remove', { id: removing.id });
      notifyOk(`Forgot the ${removing.keyType} key of ${removing.host}.`);
      onChanged();
    } catch (e) {
      notifyError(e, 'Could not remove the key');
    }
    setRemoving(null);
  };
  return (
    <Stack gap="xs">
      <TextInput
        size="xs"
        w={320}
        placeholder="Filter by host, fingerprint, who accepted…"
        data-testid="hostkeys-filter"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <Table striped fz="xs" data-testid="hostkeys-known">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Host</Table.Th>
            <Table.Th>Port</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Fingerprint</Table.Th>
            <Table.Th>Accepted by</Table.Th>
            <Table.Th>At</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, shown).map((k) => (
            <Table.Tr key={k.id} data-testid="hostkeys-known-row" data-host={k.host} data-revoked={k.revoked}>
              <Table.Td>
                {k.host}{' '}
                {k.revoked && (
                  <Badge size="xs" color="red">
                    revoked
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{k.port}</Table.Td>
              <Table.Td>{k.keyType}</Table.Td>
              <Table.Td ff="monospace">{k.fingerprint}</Table.Td>
              <Table.Td>{k.acceptedBy}</Table.Td>
              <Table.Td>{formatTime(k.acceptedAt)}</Table.Td>
              <Table.Td>{k.source}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  color="red"
                  variant="subtle"
                  data-testid="hostkeys-remove"
                  onClick={() => setRemoving(k)}
                >
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > shown && (
        <Text size="xs" c="dimmed">
          Showing {shown} of {rows.length}; filter to narrow.
        </Text>
      )}
      {known.length === 0 && (
        <Text size="sm" c="dimmed">
          No known host keys yet. Accept them as hosts are first contacted, or import a known_hosts file.
        </Text>
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Forget this host key?">
        {removing && (
          <Stack gap="sm">
            <Text size="sm">
              The next connection to {removing.host}:{removing.port} will ask for its key to be reviewed again.
            </Text>
            <Text size="xs" ff="monospace">
              {removing.keyType} {removing.fingerprint}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Keep it
              </Button>
              <Button color="red" data-testid="hostkeys-remove-confirm" onClick={() => void remove()}>
                Forget key
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
