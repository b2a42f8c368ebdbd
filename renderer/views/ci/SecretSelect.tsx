import { Select } from '@mantine/core';
import { useCall } from '../../api/use-call';

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
}

/** Picks a vault secret by its metadata; the list works while the vault is locked. */
export function SecretSelect({ value, onChange }: Props) {
  const list = useCall('vault.secrets.list', {});
  const secrets = list.data?.secrets ?? [];
  return (
    <Select
      label="Credential"
      placeholder={list.error ? 'vault unavailable' : 'none'}
      clearable
      searchable
      data-testid="ci-credential"
      data={secrets.map((s) => ({
        value: s.id,
        label: `${s.name} (${s.kind}${s.fingerprint ? ` ${s.fingerprint.slice(0, 18)}…` : ''})`,
      }))}
      value={value}
      onChange={onChange}
      error={list.error ?? undefined}
    />
  );
}
