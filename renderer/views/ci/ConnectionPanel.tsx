import { Alert, Anchor, Button, Card, Group, SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import type { Ci, CiRef } from '../../../shared/api/cmdb-model';
import type { SecretMeta } from '../../../shared/api/vault';
import { ciHash } from './ci-route';
import { ConnectionFields, type ConnectionDraft, connectionInput } from './ConnectionFields';
import { useCiSave } from './use-ci-save';

interface Props {
  ci: Ci;
  credential: SecretMeta | null;
  jumpHost: CiRef | null;
  onSaved: (ci: Ci) => void;
  onReload: () => void;
}

function draftOf(ci: Ci, jumpHost: CiRef | null): ConnectionDraft {
  const c = ci.connection;
  return {
    address: c?.address ?? '',
    port: c?.port ?? null,
    user: c?.user ?? '',
    credentialId: c?.credentialId ?? null,
    jumpHost,
  };
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Address, port, user, jump host and the credential's metadata (never its value). */
export function ConnectionPanel({ ci, credential, jumpHost, onSaved, onReload }: Props) {
  const [draft, setDraft] = useState<ConnectionDraft | null>(null);
  const { save, busy, conflict, clearConflict } = useCiSave(ci, (next) => {
    setDraft(null);
    onSaved(next);
  });
  const c = ci.connection;
  return (
    <Card withBorder padding="md" data-testid="ci-connection">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>Connection</Text>
        {draft ? (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <Button
              size="xs"
              data-testid="ci-connection-save"
              loading={busy}
              onClick={() => void save({ connection: connectionInput(draft) })}
            >
              Save
            </Button>
          </Group>
        ) : (
          <Button
            size="xs"
            variant="light"
            data-testid="ci-connection-edit"
            onClick={() => setDraft(draftOf(ci, jumpHost))}
          >
            Edit
          </Button>
        )}
      </Group>
      {conflict && (
        <Alert color="orange" mb="sm">
          {conflict}{' '}
          <Anchor
            onClick={() => {
              clearConflict();
              setDraft(null);
              onReload();
            }}
          >
            Reload
          </Anchor>
        </Alert>
      )}
      {draft ? (
        <ConnectionFields value={draft} onChange={setDraft} selfId={ci.id} />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
          <Item label="Address">{c?.address ?? '—'}</Item>
          <Item label="Port">{c?.port ?? '—'}</Item>
          <Item label="User">{c?.user ?? '—'}</Item>
          <Item label="Jump host">{jumpHost ? <Anchor href={ciHash(jumpHost.id)}>{jumpHost.name}</Anchor> : '—'}</Item>
          <Item label="Credential">
            {credential ? (
              <span data-testid="ci-credential-meta">
                {credential.name} ({credential.kind}
                {credential.keyType ? `, ${credential.keyType}` : ''})
                {credential.fingerprint && (
                  <Text span size="xs" ff="monospace" c="dimmed" display="block">
                    {credential.fingerprint}
                  </Text>
                )}
              </span>
            ) : (
              '—'
            )}
          </Item>
        </SimpleGrid>
      )}
    </Card>
  );
}
