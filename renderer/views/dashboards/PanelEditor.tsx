import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEye, IconEyeOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import { units, type QuerySource, type TimeRange } from '../../../shared/api/monitoring-model';
import type { Datasource } from '../../../shared/api/monitoring-query';
import { PanelView } from '../charts/PanelView';
import { ModalActions } from '../monitoring-common/ModalActions';
import { ExprInput } from './ExprInput';
import { nextRefId } from './grid';
import { panelProblem, sortedThresholds } from './panel-check';
import { SourceSelect } from './source-select';

interface Props {
  /** the panel being edited; null = closed */
  panel: Panel | null;
  datasources: readonly Datasource[];
  defaultSource: QuerySource | null;
  range: TimeRange;
  variables: Record<string, string>;
  onApply(p: Panel): void;
  onClose(): void;
}

const numberOrNull = (v: string | number) => (v === '' || v === null ? null : Number(v));

/** Title, type, unit, thresholds and queries of one panel, with a live preview of what it will show. */
export function PanelEditor({ panel, datasources, defaultSource, range, variables, onApply, onClose }: Props) {
  const [draft, setDraft] = useState<Panel | null>(panel);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDraft(panel ? structuredClone(panel) : null);
    setProblem(null);
  }, [panel]);
  // The preview asks main only once typing pauses.
  const [preview] = useDebouncedValue(draft, 600);
  // Made once per debounced draft: typing elsewhere in the editor does not redraw the preview.
  const previewPanel = useMemo(
    () => preview && { ...preview, id: `preview-${preview.id}`, grid: { ...preview.grid, x: 0, w: 24 } },
    [preview],
  );

  if (!draft) return null;
  const set = <K extends keyof Panel>(k: K, v: Panel[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const setQuery = (i: number, patch: Partial<Panel['queries'][number]>) =>
    set(
      'queries',
      draft.queries.map((q, j) => (j === i ? { ...q, ...patch } : q)),
    );
  const refId = nextRefId(draft.queries.map((q) => q.refId));

  const apply = () => {
    const p = { ...draft, thresholds: sortedThresholds(draft.thresholds) };
    const why = panelProblem(p);
    setProblem(why);
    if (!why) onApply(p);
  };

  return (
    <Modal opened onClose={onClose} size="80rem" title="Edit panel">
      <Stack gap="sm" data-testid="panel-editor">
        <Paper withBorder p={4} data-testid="panel-editor-preview">
          {previewPanel && (
            <PanelView
              panel={previewPanel}
              range={range}
              variables={variables}
              defaultSource={defaultSource}
              height={260}
            />
          )}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="xs">
            {draft.queries.map((q, i) => (
              <Paper key={q.refId} withBorder p="xs" data-testid={`panel-query-${q.refId}`}>
                <Group justify="space-between" mb={4}>
                  <Text fw={600} size="sm">
                    Query {q.refId}
                  </Text>
                  <Group gap={4}>
                    <Tooltip label={q.hidden ? 'Show this query' : 'Hide this query'}>
                      <ActionIcon
                        variant="subtle"
                        onClick={() => setQuery(i, { hidden: !q.hidden })}
                        aria-label="Toggle query"
                      >
                        {q.hidden ? <IconEyeOff size={14} /> : <IconEye size={14} />}
                      </ActionIcon>
                    </Tooltip>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove query ${q.refId}`}
                      onClick={() =>
                        set(
                          'queries',
                          draft.queries.filter((_, j) => j !== i),
                        )
                      }
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
                <SourceSelect
                  label="Source"
                  value={q.source}
                  datasources={datasources}
                  inheritLabel="The dashboard’s source"
                  onChange={(s) => setQuery(i, { source: s })}
                  testId={`panel-query-source-${q.refId}`}
                />
                <ExprInput
                  label="Expression"
                  value={q.expr}
                  source={q.source ?? defaultSource}
                  onChange={(expr) => setQuery(i, { expr })}
                  testId={`panel-query-expr-${q.refId}`}
                />
                <TextInput
                  size="xs"
                  label="Legend"
                  placeholder="{{instance}} {{mode}}"
                  value={q.legend}
                  onChange={(e) => setQuery(i, { legend: e.currentTarget.value })}
                />
              </Paper>
            ))}
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={refId === null}
              data-testid="panel-query-add"
              onClick={() =>
                refId &&
                set('queries', [...draft.queries, { refId, source: null, expr: '', legend: '', hidden: false }])
              }
            >
              Add query
            </Button>
          </Stack>
          <Stack gap="xs">
            <TextInput
              label="Title"
              value={draft.title}
              data-testid="panel-editor-title"
              onChange={(e) => set('title', e.currentTarget.value)}
            />
            <SegmentedControl
              data={[
                { value: 'timeseries', label: 'Time series' },
                { value: 'stat', label: 'Stat' },
                { value: 'gauge', label: 'Gauge' },
                { value: 'table', label: 'Table' },
              ]}
              value={draft.type}
              data-testid="panel-editor-type"
              onChange={(v) => set('type', v as Panel['type'])}
            />
            <Group grow>
              <Select
                label="Unit"
                data={[...units]}
                value={draft.unit}
                allowDeselect={false}
                data-testid="panel-editor-unit"
                onChange={(v) => v && set('unit', v as Panel['unit'])}
              />
              <NumberInput
                label="Decimals"
                placeholder="auto"
                min={0}
                max={10}
                allowDecimal={false}
                value={draft.decimals ?? ''}
                onChange={(v) => set('decimals', numberOrNull(v))}
              />
            </Group>
            <Group grow>
              <NumberInput
                label="Min"
                placeholder="auto"
                value={draft.min ?? ''}
                onChange={(v) => set('min', numberOrNull(v))}
              />
              <NumberInput
                label="Max"
                placeholder="auto"
                value={draft.max ?? ''}
                onChange={(v) => set('max', numberOrNull(v))}
              />
              <TextInput
                label="Min interval"
                placeholder="15s"
                value={draft.minInterval}
                onChange={(e) => set('minInterval', e.currentTarget.value.trim())}
              />
            </Group>
            <Switch
              label="Stack series"
              checked={draft.stacked}
              disabled={draft.type !== 'timeseries'}
              onChange={(e) => set('stacked', e.currentTarget.checked)}
            />
            <Divider label="Thresholds" labelPosition="left" />
            {draft.thresholds.map((t, i) => (
              <Group key={i} gap="xs" wrap="nowrap" data-testid={`panel-threshold-${i}`}>
                <NumberInput
                  size="xs"
                  aria-label="Threshold value"
                  value={t.value}
                  onChange={(v) =>
                    set(
                      'thresholds',
                      draft.thresholds.map((x, j) => (j === i ? { ...x, value: Number(v) || 0 } : x)),
                    )
                  }
                />
                <TextInput
                  size="xs"
                  aria-label="Threshold colour"
                  value={t.color}
                  onChange={(e) =>
                    set(
                      'thresholds',
                      draft.thresholds.map((x, j) => (j === i ? { ...x, color: e.currentTarget.value.trim() } : x)),
                    )
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Remove threshold"
                  onClick={() =>
                    set(
                      'thresholds',
                      draft.thresholds.filter((_, j) => j !== i),
                    )
                  }
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              disabled={draft.thresholds.length >= 20}
              onClick={() => {
                const last = draft.thresholds[draft.thresholds.length - 1];
                set('thresholds', [
                  ...draft.thresholds,
                  { value: last ? last.value + 10 : 80, color: last ? 'red' : 'orange' },
                ]);
              }}
            >
              Add threshold
            </Button>
          </Stack>
        </SimpleGrid>
        <ModalActions
          error={problem}
          errorTestId="panel-editor-problem"
          confirmLabel="Apply"
          confirmTestId="panel-editor-apply"
          onConfirm={apply}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
