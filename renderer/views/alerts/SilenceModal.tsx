import {
  ActionIcon,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Matcher } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { notifyOk } from '../../shell/notify';
import { formatTime } from '../format';
import { ModalActions } from '../monitoring-common/ModalActions';
import { useSubmit } from '../monitoring-common/use-submit';
import { useNow } from './bits';
import {
  type DurationChoice,
  type MatcherOp,
  type MatcherRow,
  type SilenceForm,
  durationPresets,
  emptySilenceForm,
  matcherOps,
  validateSilence,
} from './silence-form';

interface Props {
  /** null = closed; [] = a new silence with no matchers yet */
  prefill: Matcher[] | null;
  onClose: () => void;
  onCreated: () => void;
}

export function SilenceModal({ prefill, onClose, onCreated }: Props) {
  const [form, setForm] = useState<SilenceForm>(() => emptySilenceForm());
  const [tried, setTried] = useState(false);
  const { busy, error: serverError, setError: setServerError, submit } = useSubmit();
  useEffect(() => {
    if (prefill === null) return;
    setForm(emptySilenceForm(prefill.map((m) => ({ ...m }))));
    setTried(false);
    setServerError(null);
  }, [prefill, setServerError]);

  const now = useNow(30_000);
  const checked = validateSilence(form, now);
  const errors = tried ? checked.errors : { matchers: [] as (string | null)[] };
  // The patch is built in the handler: React nulls the event's currentTarget before an updater runs.
  const patch = (p: Partial<SilenceForm>) => setForm((f) => ({ ...f, ...p }));
  const setRow = (i: number, patch: Partial<MatcherRow>) =>
    setForm((f) => ({ ...f, matchers: f.matchers.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  const create = async () => {
    setTried(true);
    const { input } = validateSilence(form, Date.now());
    if (!input) return;
    await submit(async () => {
      await client.call('monitoring.silences.create', input);
      notifyOk(`Silenced until ${formatTime(input.endsAt)}.`);
      onCreated();
      onClose();
    });
  };

  return (
    <Modal opened={prefill !== null} onClose={onClose} title="New silence" size="lg">
      <Stack gap="sm" data-testid="silence-editor">
        <Text size="sm" c="dimmed">
          Alerts whose labels match every matcher are marked silenced: they still show, but raise no notification.
        </Text>
        {form.matchers.map((r, i) => (
          <Group key={i} gap="xs" align="start" wrap="nowrap" data-testid="silence-matcher">
            <TextInput
              size="xs"
              placeholder="label"
              aria-label="Label name"
              value={r.name}
              error={errors.matchers[i] ?? undefined}
              onChange={(e) => setRow(i, { name: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Select
              size="xs"
              w={70}
              aria-label="Match operator"
              data={[...matcherOps]}
              value={r.op}
              allowDeselect={false}
              onChange={(v) => v && setRow(i, { op: v as MatcherOp })}
            />
            <TextInput
              size="xs"
              placeholder="value"
              aria-label="Label value"
              value={r.value}
              onChange={(e) => setRow(i, { value: e.currentTarget.value })}
              style={{ flex: 2 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Remove matcher"
              onClick={() => setForm((f) => ({ ...f, matchers: f.matchers.filter((_, j) => j !== i) }))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setForm((f) => ({ ...f, matchers: [...f.matchers, { name: '', op: '=', value: '' }] }))}
          >
            Add matcher
          </Button>
          {errors.matcherSet && (
            <Text size="xs" c="red">
              {errors.matcherSet}
            </Text>
          )}
        </Group>
        <Group align="end" gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              For
            </Text>
            <SegmentedControl
              size="xs"
              data-testid="silence-duration"
              data={[
                { value: '1h', label: '1 hour' },
                { value: '4h', label: '4 hours' },
                { value: '1d', label: '1 day' },
                { value: 'until', label: 'Until…' },
              ]}
              value={form.duration}
              onChange={(v) => setForm((f) => ({ ...f, duration: v as DurationChoice }))}
            />
          </Stack>
          {form.duration === 'until' ? (
            <TextInput
              size="xs"
              type="datetime-local"
              label="Ends at"
              data-testid="silence-ends"
              value={form.endsAt}
              error={errors.endsAt}
              onChange={(e) => patch({ endsAt: e.currentTarget.value })}
            />
          ) : (
            <Text size="xs" c="dimmed" pb={6}>
              ends {formatTime(now + durationPresets[form.duration])}
            </Text>
          )}
        </Group>
        <Textarea
          label="Comment"
          required
          autosize
          minRows={2}
          data-testid="silence-comment"
          placeholder="Why, and who to ask (e.g. CHG-1234 disk replacement, ask Ana)"
          value={form.comment}
          error={errors.comment}
          onChange={(e) => patch({ comment: e.currentTarget.value })}
        />
        <ModalActions
          error={serverError}
          errorTitle="The silence was not created"
          busy={busy}
          confirmLabel="Create silence"
          confirmTestId="silence-create"
          onConfirm={() => void create()}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
