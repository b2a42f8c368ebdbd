import { NumberInput, Select } from '@mantine/core';
import type { SettingField } from './fields';

interface Props {
  field: SettingField;
  value: unknown;
  onChange: (v: unknown) => void;
}

/** No client-side clamping: the server checks every value and its message is what the person sees. */
export function SettingInput({ field, value, onChange }: Props) {
  const testid = `setting-${field.key}`;
  if (field.kind === 'select') {
    return (
      <Select
        label={field.label}
        data-testid={testid}
        data={field.options}
        value={typeof value === 'string' ? value : null}
        allowDeselect={false}
        onChange={(v) => v !== null && onChange(v)}
      />
    );
  }
  const range = field.min !== null && field.max !== null ? `${field.min} to ${field.max}` : undefined;
  return (
    <NumberInput
      label={field.label}
      description={range}
      data-testid={testid}
      value={typeof value === 'number' ? value : ''}
      allowDecimal
      clampBehavior="none"
      onChange={(v) => onChange(typeof v === 'number' ? v : Number(v))}
    />
  );
}
