import { Button, Checkbox, Popover, ScrollArea, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { FieldDef } from '../../../shared/api/cmdb-model';
import { availableColumns, toggleColumn } from './columns';

interface Props {
  columns: string[];
  fields: FieldDef[];
  onChange: (columns: string[]) => void;
}

export function ColumnChooser({ columns, fields, onChange }: Props) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />} data-testid="inventory-columns">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={6}>
            {availableColumns(fields).map((c) => (
              <Checkbox
                key={c.id}
                size="xs"
                label={c.label}
                data-testid={`column-toggle-${c.id}`}
                disabled={c.id === 'name'}
                checked={columns.includes(c.id) || c.id === 'name'}
                onChange={() => onChange(toggleColumn(columns, c.id))}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
