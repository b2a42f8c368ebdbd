import { NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { FieldDef, FieldValue } from '../../../shared/api/cmdb-model';

interface Props {
  fieldKey: string;
  def: FieldDef | null;
  value: FieldValue | undefined;
  onChange: (v: FieldValue) => void;
}

/** One custom field's input, by its type (undefined fields edit as text). */
export function FieldEditor({ fieldKey, def, value, onChange }: Props) {
  const label = def?.label ?? fieldKey;
  const testId = `ci-field-${fieldKey}`;
  switch (def?.type) {
    case 'number':
      return (
        <NumberInput
          size="xs"
          label={label}
          data-testid={testId}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
    case 'boolean':
      return (
        <Switch
          mt="lg"
          label={label}
          data-testid={testId}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'select':
      return (
        <Select
          size="xs"
          label={label}
          clearable
          data-testid={testId}
          data={def.options}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
    case 'date':
      return (
        <TextInput
          size="xs"
          type="date"
          label={label}
          data-testid={testId}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    default:
      return (
        <TextInput
          size="xs"
          label={label}
          description={def?.type === 'ci-ref' ? 'CI id' : undefined}
          data-testid={testId}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
