import { type OptionsFilter, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { CiRef } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';

interface Props {
  label?: string;
  placeholder?: string;
  value: CiRef | null;
  onChange: (ci: CiRef | null) => void;
  /** only these CI types (e.g. the connectable ones for a jump host) */
  types?: readonly string[];
  /** never offer these ids (the CI itself) */
  exclude?: readonly string[];
  testId?: string;
  clearable?: boolean;
}

// The server already filtered: show what it found.
const passAll: OptionsFilter = ({ options }) => options;

/** A select over CIs searched on the server as you type, so it works with 100k of them. */
export function CiSearchSelect({
  label,
  placeholder,
  value,
  onChange,
  types,
  exclude,
  testId,
  clearable = true,
}: Props) {
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search, 150);
  const [found, setFound] = useState<CiRef[]>([]);
  const typesKey = (types ?? []).join(',');

  useEffect(() => {
    let live = true;
    const text = debounced === value?.name ? '' : debounced;
    client
      .call('cmdb.search', {
        query: {
          text,
          types: typesKey ? typesKey.split(',') : [],
          environments: [],
          statuses: [],
          criticalities: [],
          tags: [],
          fields: [],
        },
        limit: 30,
      })
      .then((r) => live && setFound(r.items.map((c) => ({ id: c.id, name: c.name, type: c.type }))))
      .catch(() => live && setFound([]));
    return () => {
      live = false;
    };
  }, [debounced, typesKey, value?.name]);

  const options = [...(value ? [value] : []), ...found.filter((c) => c.id !== value?.id)].filter(
    (c) => !exclude?.includes(c.id),
  );
  return (
    <Select
      label={label}
      placeholder={placeholder ?? 'Search CIs…'}
      searchable
      clearable={clearable}
      filter={passAll}
      data-testid={testId}
      data={options.map((c) => ({ value: c.id, label: `${c.name} (${c.type})` }))}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage="No CI matches"
      onChange={(id) => onChange(options.find((c) => c.id === id) ?? null)}
    />
  );
}
