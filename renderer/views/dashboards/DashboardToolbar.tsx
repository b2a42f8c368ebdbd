import { Anchor, Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCopy,
  IconDeviceFloppy,
  IconPencil,
  IconPlus,
  IconSettings,
  IconX,
} from '@tabler/icons-react';
import type { TimeRange } from '../../../shared/api/monitoring-model';
import { RefreshPicker, TimePicker } from '../charts/TimePicker';
import { ToolbarButton } from '../monitoring-common/ToolbarButton';
import { listHash } from './dashboards-route';

interface Props {
  title: string;
  description: string;
  builtIn: boolean;
  editing: boolean;
  dirty: boolean;
  saving: boolean;
  range: TimeRange;
  canGoBack: boolean;
  refreshSec: number;
  onRange(r: TimeRange): void;
  onBack(): void;
  onRefreshSec(sec: number): void;
  onRefresh(): void;
  onEdit(): void;
  onCancel(): void;
  onSave(): void;
  onAddPanel(): void;
  onSettings(): void;
  onSaveCopy(): void;
}

/** The dashboard's title, its time controls, and its actions (edit, save; save as copy for built-ins). */
export function DashboardToolbar(p: Props) {
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
      <Stack gap={0}>
        <Anchor size="xs" href={listHash}>
          ← Dashboards
        </Anchor>
        <Group gap="xs">
          <Title order={3} data-testid="dashboard-title">
            {p.title}
          </Title>
          {p.builtIn && (
            <Badge variant="light" data-testid="dashboard-builtin">
              built-in
            </Badge>
          )}
          {p.editing && p.dirty && (
            <Badge color="yellow" variant="light" data-testid="dashboard-dirty">
              unsaved changes
            </Badge>
          )}
        </Group>
        {p.description && (
          <Text size="xs" c="dimmed" maw={720}>
            {p.description}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {p.canGoBack && (
          <Tooltip label="Back to the previous time range">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={p.onBack}
              data-testid="range-back"
            >
              Back
            </Button>
          </Tooltip>
        )}
        <TimePicker value={p.range} onChange={p.onRange} />
        <RefreshPicker value={p.refreshSec} onChange={p.onRefreshSec} onRefresh={p.onRefresh} />
        {p.builtIn ? (
          <ToolbarButton variant="light" icon={IconCopy} onClick={p.onSaveCopy} testId="dashboard-save-copy">
            Save as copy
          </ToolbarButton>
        ) : p.editing ? (
          <>
            <ToolbarButton variant="light" icon={IconPlus} onClick={p.onAddPanel} testId="dashboard-add-panel">
              Add panel
            </ToolbarButton>
            <ToolbarButton
              variant="default"
              icon={IconSettings}
              onClick={p.onSettings}
              testId="dashboard-settings-open"
            >
              Settings
            </ToolbarButton>
            <ToolbarButton variant="default" icon={IconX} onClick={p.onCancel} testId="dashboard-cancel">
              Cancel
            </ToolbarButton>
            <ToolbarButton icon={IconDeviceFloppy} loading={p.saving} onClick={p.onSave} testId="dashboard-save">
              Save
            </ToolbarButton>
          </>
        ) : (
          <>
            <ToolbarButton variant="default" icon={IconCopy} onClick={p.onSaveCopy} testId="dashboard-save-copy">
              Save as
            </ToolbarButton>
            <ToolbarButton variant="light" icon={IconPencil} onClick={p.onEdit} testId="dashboard-edit">
              Edit
            </ToolbarButton>
          </>
        )}
      </Group>
    </Group>
  );
}
