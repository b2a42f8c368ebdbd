import { ActionIcon, Divider, Group, Modal, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DashboardBody } from '../../../shared/api/monitoring-dashboards';
import type { Datasource } from '../../../shared/api/monitoring-query';
import { ModalActions } from '../monitoring-common/ModalActions';
import { ToolbarButton } from '../monitoring-common/ToolbarButton';
import { SourceSelect } from './source-select';

type Settings = Pick<DashboardBody, 'title' | 'description' | 'tags' | 'source' | 'variables'>;

interface Props {
  opened: boolean;
  value: Settings;
  datasources: readonly Datasource[];
  onApply(s: Settings): void;
  onClose(): void;
}

const nameRe = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function settingsProblem(s: Settings): string | null {
  if (!s.title.trim()) return 'Give the dashboard a title.';
  const seen = new Set<string>();
  for (const v of s.variables) {
    if (!nameRe.test(v.name))
      return `"${v.name}" is not a variable name: letters, digits and _, not starting with a digit.`;
    if (seen.has(v.name)) return `The variable ${v.name} is declared twice.`;
    seen.add(v.name);
  }
  return null;
}

/** Title, description, tags, the default source and the variables of a dashboard. */
export function DashboardSettings({ opened, value, datasources, onApply, onClose }: Props) {
  const [s, setS] = useState<Settings>(value);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setS(structuredClone(value));
      setProblem(null);
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  const setVar = (i: number, patch: Partial<Settings['variables'][number]>) =>
    setS((x) => ({ ...x, variables: x.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));

  return (
    <Modal opened={opened} onClose={onClose} title="Dashboard settings" size="lg">
      <Stack gap="xs" data-testid="dashboard-settings">
        <TextInput
          label="Title"
          value={s.title}
          data-testid="dashboard-settings-title"
          onChange={(e) => setS({ ...s, title: e.currentTarget.value })}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={s.description}
          onChange={(e) => setS({ ...s, description: e.currentTarget.value })}
        />
        <TagsInput label="Tags" value={s.tags} onChange={(tags) => setS({ ...s, tags })} />
        <SourceSelect
          size="sm"
          label="Default source (for queries that name none)"
          value={s.source}
          datasources={datasources}
          inheritLabel="The default Prometheus datasource"
          testId="dashboard-settings-source"
          onChange={(source) => setS({ ...s, source })}
        />
        <Divider label="Variables" labelPosition="left" />
        {s.variables.length === 0 && (
          <Text size="xs" c="dimmed">
            A variable named host of kind CI lets queries say $host (its name), $host_id, $host_address and
            $host_address_re.
          </Text>
        )}
        {s.variables.map((v, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap" data-testid={`dashboard-variable-${i}`}>
            <TextInput
              size="xs"
              label="Name"
              w={110}
              value={v.name}
              onChange={(e) => setVar(i, { name: e.currentTarget.value.trim() })}
            />
            <TextInput
              size="xs"
              label="Label"
              w={110}
              value={v.label}
              onChange={(e) => setVar(i, { label: e.currentTarget.value })}
            />
            <Select
              size="xs"
              label="Kind"
              w={100}
              allowDeselect={false}
              data={[
                { value: 'ci', label: 'CI' },
                { value: 'custom', label: 'Custom' },
              ]}
              value={v.kind}
              onChange={(k) => k && setVar(i, { kind: k as 'ci' | 'custom' })}
            />
            {v.kind === 'ci' ? (
              <TextInput
                size="xs"
                label="CI type"
                w={100}
                value={v.ciType}
                onChange={(e) => setVar(i, { ciType: e.currentTarget.value.trim() })}
              />
            ) : (
              <TagsInput
                size="xs"
                label="Options"
                style={{ flex: 1 }}
                value={v.options}
                onChange={(options) => setVar(i, { options })}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove variable ${v.name}`}
              onClick={() => setS({ ...s, variables: s.variables.filter((_, j) => j !== i) })}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <ToolbarButton
          variant="subtle"
          icon={IconPlus}
          disabled={s.variables.length >= 20}
          testId="dashboard-variable-add"
          onClick={() =>
            setS({
              ...s,
              variables: [
                ...s.variables,
                {
                  name: s.variables.some((v) => v.name === 'host') ? `var${s.variables.length + 1}` : 'host',
                  label: '',
                  kind: 'ci',
                  ciType: 'host',
                  options: [],
                  current: '',
                },
              ],
            })
          }
        >
          Add variable
        </ToolbarButton>
        <ModalActions
          error={problem}
          confirmLabel="Apply"
          confirmTestId="dashboard-settings-apply"
          onConfirm={() => {
            const why = settingsProblem(s);
            setProblem(why);
            if (!why) onApply({ ...s, title: s.title.trim() });
          }}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
