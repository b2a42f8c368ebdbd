import { Alert, Autocomplete, Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { criticalities, lifecycleStatuses } from '../../../shared/api/cmdb-model';
import { type BulkAction, bulkReady, describeBulk, isLargeBulk } from './bulk';
import type { Criticality, LifecycleStatus } from './query-chips';

export type BulkKind = BulkAction['kind'];

const titles: Record<BulkKind, string> = {
  addTags: 'Add tags',
  removeTags: 'Remove tags',
  setEnvironment: 'Set environment',
  setStatus: 'Set status',
  setCriticality: 'Set criticality',
  setOwner: 'Set owner',
  delete: 'Delete CIs',
};

function initial(kind: BulkKind): BulkAction {
  switch (kind) {
    case 'addTags':
    case 'removeTags':
      return { kind, tags: [] };
    case 'setEnvironment':
      return { kind, value: null };
    case 'setStatus':
      return { kind, value: 'active' };
    case 'setCriticality':
      return { kind, value: null };
    case 'setOwner':
      return { kind, team: null };
    case 'delete':
      return { kind };
  }
}

interface Props {
  kind: BulkKind | null;
  count: number;
  confirmOver: number;
  suggestions: { tags: string[]; environments: string[]; teams: string[] };
  busy: boolean;
  onClose: () => void;
  onConfirm: (a: BulkAction) => void;
}

/** Gathers what the action needs and states how many CIs it will touch before anything is sent. */
export function BulkModal({ kind, count, confirmOver, suggestions, busy, onClose, onConfirm }: Props) {
  const [action, setAction] = useState<BulkAction | null>(null);
  // Closed once a tag is added, so the suggestions never cover the confirm button.
  const [tagsOpen, setTagsOpen] = useState(false);
  useEffect(() => setAction(kind ? initial(kind) : null), [kind]);
  const a = action;
  const nullable = (v: string) => (v.trim() ? v.trim() : null);
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? titles[kind] : ''}>
      {a && (
        <Stack gap="sm" data-testid="bulk-modal">
          {(a.kind === 'addTags' || a.kind === 'removeTags') && (
            <TagsInput
              label="Tags"
              data-testid="bulk-tags"
              data={suggestions.tags}
              value={a.tags}
              onChange={(tags) => {
                setAction({ ...a, tags });
                setTagsOpen(false);
              }}
              dropdownOpened={tagsOpen}
              onDropdownOpen={() => setTagsOpen(true)}
              onDropdownClose={() => setTagsOpen(false)}
              splitChars={[',', ' ']}
              autoFocus
            />
          )}
          {a.kind === 'setEnvironment' && (
            <Autocomplete
              label="Environment (empty clears it)"
              data-testid="bulk-value"
              data={suggestions.environments}
              value={a.value ?? ''}
              onChange={(v) => setAction({ ...a, value: nullable(v) })}
            />
          )}
          {a.kind === 'setStatus' && (
            <Select
              label="Status"
              data-testid="bulk-value"
              data={[...lifecycleStatuses]}
              allowDeselect={false}
              value={a.value}
              onChange={(v) => v && setAction({ ...a, value: v as LifecycleStatus })}
            />
          )}
          {a.kind === 'setCriticality' && (
            <Select
              label="Criticality"
              data-testid="bulk-value"
              clearable
              data={[...criticalities]}
              value={a.value}
              onChange={(v) => setAction({ ...a, value: (v as Criticality | null) ?? null })}
            />
          )}
          {a.kind === 'setOwner' && (
            <>
              <Autocomplete
                label="Team (empty clears it)"
                data-testid="bulk-value"
                data={suggestions.teams}
                value={a.team ?? ''}
                onChange={(v) => setAction({ ...a, team: nullable(v) })}
              />
              <TextInput
                label="Person (leave empty to keep)"
                value={a.person ?? ''}
                onChange={(e) => setAction({ ...a, person: nullable(e.currentTarget.value) ?? undefined })}
              />
            </>
          )}
          {isLargeBulk(count, confirmOver) ? (
            <Alert color={a.kind === 'delete' ? 'red' : 'yellow'} data-testid="bulk-summary">
              {describeBulk(a, count)}
            </Alert>
          ) : (
            <Text size="sm" data-testid="bulk-summary">
              {describeBulk(a, count)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              data-testid="bulk-confirm"
              color={a.kind === 'delete' ? 'red' : undefined}
              disabled={!bulkReady(a) || count === 0}
              loading={busy}
              onClick={() => onConfirm(a)}
            >
              {a.kind === 'delete' ? `Delete ${count}` : `Apply to ${count}`}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
