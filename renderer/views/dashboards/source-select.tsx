import { Select } from '@mantine/core';
import type { QuerySource } from '../../../shared/api/monitoring-model';
import type { Datasource } from '../../../shared/api/monitoring-query';

/** Select values for sources: 'local', a datasource id prefixed 'ds:', and '' for "the dashboard's". */
export function sourceKey(s: QuerySource | null): string {
  if (!s) return '';
  return s.kind === 'local' ? 'local' : `ds:${s.datasourceId}`;
}

export function sourceFromKey(k: string | null): QuerySource | null {
  if (!k) return null;
  if (k === 'local') return { kind: 'local' };
  return k.startsWith('ds:') ? { kind: 'prometheus', datasourceId: k.slice(3) } : null;
}

interface Props {
  value: QuerySource | null;
  onChange(s: QuerySource | null): void;
  datasources: readonly Datasource[];
  /** offer "the dashboard's source" (null) */
  inheritLabel?: string;
  label?: string;
  testId?: string;
  size?: 'xs' | 'sm';
}

/** Picks where a query runs: a Prometheus datasource, the workspace's own series, or the dashboard's default. */
export function SourceSelect({ value, onChange, datasources, inheritLabel, label, testId, size = 'xs' }: Props) {
  const data = [
    ...(inheritLabel ? [{ value: '', label: inheritLabel }] : []),
    ...datasources.map((d) => ({
      value: `ds:${d.id}`,
      label: `${d.name} (Prometheus)${d.isDefault ? ' · default' : ''}`,
    })),
    { value: 'local', label: 'Local (collected over SSH)' },
  ];
  const key = sourceKey(value);
  // A source that is gone still shows what it points at, so the person sees why it fails.
  if (!data.some((d) => d.value === key)) data.push({ value: key, label: `missing datasource ${key.slice(3)}` });
  return (
    <Select
      size={size}
      label={label}
      data={data}
      value={key}
      allowDeselect={false}
      data-testid={testId}
      onChange={(k) => onChange(sourceFromKey(k))}
    />
  );
}
