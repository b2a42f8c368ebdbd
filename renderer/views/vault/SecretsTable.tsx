import { ActionIcon, Anchor, Badge, Group, Menu, Table, Text, Tooltip } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { SecretMeta } from '../../../shared/api/vault';
import { formatTime } from '../format';
import { ciHash } from '../ci/ci-route';

interface Props {
  secrets: SecretMeta[];
  onReplace: (s: SecretMeta) => void;
  onEdit: (s: SecretMeta) => void;
  onDelete: (s: SecretMeta) => void;
}

/** Metadata only: the contract has no call that returns a secret's value. */
export function SecretsTable({ secrets, onReplace, onEdit, onDelete }: Props) {
  return (
    <Table withTableBorder striped highlightOnHover fz="sm" data-testid="secrets-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Fingerprint</Table.Th>
          <Table.Th>Key type</Table.Th>
          <Table.Th>Used by</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Updated</Table.Th>
          <Table.Th w={40} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {secrets.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={8}>
              <Text c="dimmed" size="sm">
                No secrets yet.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {secrets.map((s) => (
          <Table.Tr key={s.id} data-testid="secret-row" data-name={s.name} data-id={s.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {s.name}
              </Text>
              {s.notes && (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {s.notes}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light">
                {s.kind}
              </Badge>
              {s.hasPassphrase && (
                <Badge size="xs" variant="outline" ml={4}>
                  passphrase
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {s.fingerprint ? (
                <Tooltip label={s.publicKey ?? s.fingerprint} multiline w={420}>
                  <Text size="xs" ff="monospace" data-testid="secret-fingerprint">
                    {s.fingerprint}
                  </Text>
                </Tooltip>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>{s.keyType ?? '—'}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {s.usedBy.length === 0 && '—'}
                {s.usedBy.slice(0, 5).map((c) => (
                  <Anchor key={c.id} size="xs" href={ciHash(c.id)}>
                    {c.name}
                  </Anchor>
                ))}
                {s.usedBy.length > 5 && <Text size="xs">+{s.usedBy.length - 5}</Text>}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{formatTime(s.createdAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{formatTime(s.updatedAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Menu position="bottom-end">
                <Menu.Target>
                  <ActionIcon variant="subtle" data-testid="secret-actions" aria-label={`Actions for ${s.name}`}>
                    <IconDots size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item data-testid="secret-replace" onClick={() => onReplace(s)}>
                    Replace value…
                  </Menu.Item>
                  <Menu.Item data-testid="secret-edit" onClick={() => onEdit(s)}>
                    Rename / notes…
                  </Menu.Item>
                  <Menu.Item color="red" data-testid="secret-delete" onClick={() => onDelete(s)}>
                    Delete…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
