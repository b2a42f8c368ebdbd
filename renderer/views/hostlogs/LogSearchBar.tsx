import { Autocomplete, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type LogLevel, logLevels } from '../../../shared/api/monitoring-logs';
import { type LogFilter, sinceChoices } from './tail-filter';

interface Props {
  value: LogFilter;
  onChange: (f: LogFilter) => void;
  hosts: string[];
  units: string[];
}

export function LogSearchBar({ value, onChange, hosts, units }: Props) {
  return (
    <Group gap="xs" align="end" wrap="wrap" data-testid="hostlogs-search">
      <TextInput
        size="xs"
        label="Search"
        placeholder='words, "a phrase", prefix*'
        leftSection={<IconSearch size={14} />}
        data-testid="hostlogs-query"
        value={value.query}
        onChange={(e) => onChange({ ...value, query: e.currentTarget.value })}
        style={{ flex: 1, minWidth: 240 }}
      />
      <MultiSelect
        size="xs"
        label="Hosts"
        placeholder={value.hosts.length ? undefined : 'all'}
        searchable
        clearable
        w={220}
        data-testid="hostlogs-hosts"
        data={[...new Set([...hosts, ...value.hosts])]}
        value={value.hosts}
        onChange={(h) => onChange({ ...value, hosts: h })}
      />
      <Autocomplete
        size="xs"
        label="Unit"
        placeholder="all"
        w={180}
        data-testid="hostlogs-unit"
        data={units}
        value={value.units[0] ?? ''}
        onChange={(u) => onChange({ ...value, units: u.trim() ? [u.trim()] : [] })}
      />
      <Select
        size="xs"
        label="Level at least"
        placeholder="any"
        clearable
        w={120}
        data-testid="hostlogs-level"
        data={[...logLevels]}
        value={value.level}
        onChange={(l) => onChange({ ...value, level: (l as LogLevel | null) ?? null })}
      />
      <Select
        size="xs"
        label="Time"
        w={150}
        allowDeselect={false}
        data-testid="hostlogs-since"
        data={sinceChoices.map((c) => ({ value: c.value, label: c.label }))}
        value={value.since}
        onChange={(s) => s && onChange({ ...value, since: s })}
      />
    </Group>
  );
}
