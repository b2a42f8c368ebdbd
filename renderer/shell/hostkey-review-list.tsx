import { Alert, Badge, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { PendingHostKey } from '../../shared/api/ssh';
import { client } from '../api/client';
import { errorMessage } from '../api/errors';
import { acceptableIds, hostLabel } from './hostkey-review-pure';
import { useHostKeyReview } from './hostkey-review-store';
import { notifyError, notifyOk } from './notify';

async function act(what: () => Promise<string>) {
  try {
    notifyOk(await what());
  } catch (e) {
    notifyError(e);
  }
  await useHostKeyReview
    .getState()
    .reload()
    .catch(() => {});
}

const accept = (ids: string[], remember: boolean) =>
  act(async () => {
    const r = await client.call('ssh.hostkeys.accept', { ids, remember });
    return `${r.accepted} host key(s) accepted${remember ? ' and remembered' : ' for now'}.`;
  });
const reject = (ids: string[]) =>
  act(async () => {
    const r = await client.call('ssh.hostkeys.reject', { ids });
    return `${r.rejected} host key(s) rejected; the hosts waiting for them fail.`;
  });

function ReplaceModal({ target, onClose }: { target: PendingHostKey | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!target) return;
    try {
      await client.call('ssh.hostkeys.replace', { pendingId: target.id, reason: reason.trim() });
      notifyOk(`The recorded key of ${hostLabel(target)} was replaced.`);
      setReason('');
      onClose();
      await useHostKeyReview.getState().reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal opened={target !== null} onClose={onClose} title="Replace a recorded host key" zIndex={420}>
      {target && (
        <Stack gap="sm">
          <Text size="sm">
            Only replace the key of <b>{hostLabel(target)}</b> if you know why it changed (the host was reinstalled, its
            keys rotated). Check the new fingerprint out of band first. This is audited with your reason.
          </Text>
          <Text size="xs" ff="monospace">
            new: {target.fingerprint}
          </Text>
          <TextInput
            label="Reason"
            placeholder="e.g. host reinstalled in change CHG-1234"
            data-testid="hostkey-replace-reason"
            value={reason}
            error={error}
            onChange={(e) => (setReason(e.currentTarget.value), setError(null))}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              color="red"
              data-testid="hostkey-replace-confirm"
              disabled={reason.trim().length < 3}
              onClick={() => void submit()}
            >
              Replace key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function PendingRow({
  p,
  selected,
  onSelect,
  onReplace,
}: {
  p: PendingHostKey;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onReplace: () => void;
}) {
  const changed = p.reason === 'changed';
  return (
    <Stack
      gap={4}
      p="xs"
      data-testid="hostkey-pending-row"
      data-host={p.host}
      data-reason={p.reason}
      style={{
        border: `1px solid var(--mantine-color-${changed ? 'red-6' : 'default-border'})`,
        borderRadius: 4,
      }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Checkbox
            aria-label={`Select ${hostLabel(p)}`}
            checked={selected}
            disabled={changed}
            onChange={(e) => onSelect(e.currentTarget.checked)}
          />
          <Text fw={600}>{hostLabel(p)}</Text>
          <Badge size="sm" variant="outline">
            {p.keyType}
          </Badge>
          <Badge size="sm" color={changed ? 'red' : 'yellow'}>
            {changed ? 'key changed' : 'unknown key'}
          </Badge>
        </Group>
        <Group gap={4} wrap="nowrap">
          {changed ? (
            <Button size="compact-xs" color="red" variant="outline" data-testid="hostkey-replace" onClick={onReplace}>
              Replace key…
            </Button>
          ) : (
            <>
              <Button
                size="compact-xs"
                variant="light"
                data-testid="hostkey-accept-once"
                onClick={() => void accept([p.id], false)}
              >
                Accept once
              </Button>
              <Button size="compact-xs" data-testid="hostkey-accept-remember" onClick={() => void accept([p.id], true)}>
                Accept and remember
              </Button>
            </>
          )}
          <Button
            size="compact-xs"
            color="red"
            variant="subtle"
            data-testid="hostkey-reject"
            onClick={() => void reject([p.id])}
          >
            Reject
          </Button>
        </Group>
      </Group>
      {changed ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} p="xs" title="Possible man-in-the-middle attack">
          <Text size="xs">
            This host presents a different key than the one on record. Someone may be intercepting the connection.
            Nothing was sent to it.
          </Text>
          <Text size="xs" ff="monospace">
            known: {p.knownFingerprint ?? '—'}
          </Text>
          <Text size="xs" ff="monospace">
            presented: {p.fingerprint}
          </Text>
        </Alert>
      ) : (
        <Text size="xs" ff="monospace" data-testid="hostkey-fingerprint">
          {p.fingerprint}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Waiting: {p.cis.map((c) => c.name).join(', ') || '—'}
      </Text>
    </Stack>
  );
}

/** Every key waiting for review, each with its own decision, and the same for a selection. */
export function PendingHostKeys({ pending }: { pending: PendingHostKey[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [replacing, setReplacing] = useState<PendingHostKey | null>(null);
  const live = new Set([...selected].filter((id) => pending.some((p) => p.id === id)));
  const acceptable = acceptableIds(pending, live);
  const selectable = pending.filter((p) => p.reason === 'unknown').map((p) => p.id);
  if (pending.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="hostkey-pending-empty">
        No host key is waiting for review.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Checkbox
          label="Select all unknown keys"
          checked={selectable.length > 0 && acceptable.length === selectable.length}
          onChange={(e) => setSelected(new Set(e.currentTarget.checked ? selectable : []))}
        />
        <Button
          size="compact-xs"
          variant="light"
          disabled={!acceptable.length}
          data-testid="hostkey-bulk-accept-once"
          onClick={() => void accept(acceptable, false)}
        >
          Accept selected once
        </Button>
        <Button
          size="compact-xs"
          disabled={!acceptable.length}
          data-testid="hostkey-bulk-accept-remember"
          onClick={() => void accept(acceptable, true)}
        >
          Accept and remember selected
        </Button>
        <Button
          size="compact-xs"
          color="red"
          variant="subtle"
          disabled={!live.size}
          data-testid="hostkey-bulk-reject"
          onClick={() => void reject([...live])}
        >
          Reject selected
        </Button>
      </Group>
      {pending.map((p) => (
        <PendingRow
          key={p.id}
          p={p}
          selected={live.has(p.id)}
          onSelect={(on) => {
            const next = new Set(live);
            if (on) next.add(p.id);
            else next.delete(p.id);
            setSelected(next);
          }}
          onReplace={() => setReplacing(p)}
        />
      ))}
      <ReplaceModal target={replacing} onClose={() => setReplacing(null)} />
    </Stack>
  );
}
