import { Autocomplete, Button, Group, Pill, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { CallOutput } from '../../../shared/api/index';
import { criticalities, lifecycleStatuses } from '../../../shared/api/cmdb-model';
import { type ChipKind, type Filter, emptyFilter, filterToChips, removeChip } from './query-chips';
import { chipKindOptions, useChipEntry, useDebouncedText } from './use-filter-entry';

type Facets = CallOutput<'cmdb.facets'>;

const kinds = chipKindOptions(['type', 'environment', 'status', 'criticality', 'tag', 'owner', 'person', 'field']);

function suggestions(kind: ChipKind, facets: Facets | undefined): string[] {
  const withCount = (xs: { value: string; count: number }[] | undefined) => (xs ?? []).map((x) => x.value);
  switch (kind) {
    case 'type':
      return withCount(facets?.types);
    case 'environment':
      return withCount(facets?.environments);
    case 'tag':
      return withCount(facets?.tags);
    case 'owner':
      return withCount(facets?.teams);
    case 'status':
      return [...lifecycleStatuses];
    case 'criticality':
      return [...criticalities];
    default:
      return [];
  }
}

interface Props {
  value: Filter;
  onChange: (f: Filter) => void;
  facets: Facets | undefined;
}

/** Search as you type (debounced) plus one chip per structured filter. */
export function InventoryFilterBar({ value, onChange, facets }: Props) {
  const [text, setText] = useDebouncedText(value.text, (t) => onChange({ ...value, text: t }), 150);
  const { kind, setKind, entry, setEntry, entryError, add } = useChipEntry(value, onChange, 'type');

  const chips = filterToChips(value);
  return (
    <>
      <Group align="end" gap="xs" wrap="wrap">
        <TextInput
          size="xs"
          w={280}
          label="Search"
          placeholder="name, description, tags, fields…"
          leftSection={<IconSearch size={14} />}
          data-testid="inventory-search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Select
          size="xs"
          w={150}
          label="Filter on"
          data-testid="inventory-filter-kind"
          data={kinds}
          value={kind}
          allowDeselect={false}
          onChange={(v) => v && setKind(v as ChipKind)}
        />
        <Autocomplete
          size="xs"
          w={200}
          label="Value"
          placeholder={kind === 'field' ? 'rack=r12' : 'pick or type'}
          data-testid="inventory-filter-value"
          data={suggestions(kind, facets)}
          limit={50}
          value={entry}
          error={entryError}
          onChange={setEntry}
          onOptionSubmit={(v) => add(v)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <Button size="xs" variant="light" data-testid="inventory-filter-add" onClick={() => add()}>
          Add filter
        </Button>
      </Group>
      {chips.length > 0 && (
        <Group gap={6} data-testid="inventory-chips">
          {chips.map((c) => (
            <Pill
              key={`${c.kind}:${c.value}`}
              withRemoveButton
              data-testid="inventory-chip"
              data-kind={c.kind}
              onRemove={() => onChange(removeChip(value, c))}
            >
              {c.label}
            </Pill>
          ))}
          <Button size="compact-xs" variant="subtle" onClick={() => onChange({ ...emptyFilter, text: value.text })}>
            Clear filters
          </Button>
        </Group>
      )}
    </>
  );
}
