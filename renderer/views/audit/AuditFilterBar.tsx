import { Button, Group, Pill, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { auditOutcomes } from '../../../shared/api/audit';
import { type AuditFilter, type AuditOutcome, cleanFilter, filterToChips, removeFilterKey } from './filter';

interface Props {
  value: AuditFilter;
  onChange: (f: AuditFilter) => void;
}

/** Edits a draft; Enter or Apply makes it the filter, and each applied field shows as a removable chip. */
export function AuditFilterBar({ value, onChange }: Props) {
  const [draft, setDraft] = useState<AuditFilter>(value);
  useEffect(() => setDraft(value), [value]);
  const apply = () => onChange(cleanFilter(draft));
  const text = (key: 'action' | 'target' | 'actor', label: string, placeholder: string) => (
    <TextInput
      size="xs"
      label={label}
      placeholder={placeholder}
      data-testid={`audit-filter-${key}`}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
    />
  );
  const time = (key: 'from' | 'to', label: string) => (
    <TextInput
      size="xs"
      type="datetime-local"
      label={label}
      data-testid={`audit-filter-${key}`}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
    />
  );
  const chips = filterToChips(value);
  return (
    <>
      <Group align="end" gap="xs" wrap="wrap">
        {text('action', 'Action', 'workspace.')}
        {text('target', 'Target', 'contains…')}
        {text('actor', 'Actor', 'exact name')}
        <Select
          size="xs"
          label="Outcome"
          w={120}
          clearable
          data-testid="audit-filter-outcome"
          data={[...auditOutcomes]}
          value={draft.outcome ?? null}
          onChange={(v) => setDraft({ ...draft, outcome: (v as AuditOutcome) ?? undefined })}
        />
        {time('from', 'From')}
        {time('to', 'To')}
        <Button size="xs" data-testid="audit-filter-apply" onClick={apply}>
          Apply
        </Button>
      </Group>
      {chips.length > 0 && (
        <Group gap={6} data-testid="audit-filter-chips">
          {chips.map((c) => (
            <Pill
              key={c.key}
              withRemoveButton
              data-testid={`audit-chip-${c.key}`}
              onRemove={() => onChange(removeFilterKey(value, c.key))}
            >
              {c.label}
            </Pill>
          ))}
          <Button size="compact-xs" variant="subtle" onClick={() => onChange({})}>
            Clear all
          </Button>
        </Group>
      )}
    </>
  );
}
