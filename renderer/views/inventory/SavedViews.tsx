import { ActionIcon, Button, Group, Modal, Select, TextInput, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { notifyError, notifyOk } from '../../shell/notify';
import { type Filter, type Sort, filterToQuery, isSortKey, queryToFilter } from './query-chips';

interface Props {
  viewId: string | null;
  filter: Filter;
  sort: Sort;
  columns: string[];
  onApply: (id: string | null, filter: Filter, sort: Sort, columns: string[]) => void;
}

/** Saved inventory views: the query, the columns and the sort, by name. */
export function SavedViews({ viewId, filter, sort, columns, onApply }: Props) {
  const list = useCall('cmdb.views.list');
  const views = list.data?.views ?? [];
  const current = views.find((v) => v.id === viewId);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  useEffect(() => setName(current?.name ?? ''), [current?.name]);

  const apply = (id: string | null) => {
    const v = views.find((x) => x.id === id);
    if (!v) return onApply(null, filter, sort, columns);
    const s: Sort = { by: isSortKey(v.sort.by) ? v.sort.by : 'name', dir: v.sort.dir };
    onApply(v.id, queryToFilter(v.query), s, v.columns.length ? v.columns : columns);
  };

  const save = async () => {
    try {
      const v = await client.call('cmdb.views.save', { name, query: filterToQuery(filter), columns, sort });
      notifyOk(`View "${v.name}" saved.`);
      setSaving(false);
      list.reload();
      onApply(v.id, filter, sort, columns);
    } catch (e) {
      notifyError(e, 'Could not save the view');
    }
  };

  const remove = async () => {
    if (!current) return;
    try {
      await client.call('cmdb.views.delete', { id: current.id });
      list.reload();
      onApply(null, filter, sort, columns);
    } catch (e) {
      notifyError(e, 'Could not delete the view');
    }
  };

  return (
    <Group gap={4} wrap="nowrap">
      <Select
        size="xs"
        w={180}
        placeholder="Saved views"
        clearable
        data-testid="inventory-views"
        data={views.map((v) => ({ value: v.id, label: v.name }))}
        value={current ? current.id : null}
        onChange={apply}
      />
      <Tooltip label="Save this view">
        <ActionIcon variant="default" size="md" data-testid="inventory-view-save" onClick={() => setSaving(true)}>
          <IconDeviceFloppy size={16} />
        </ActionIcon>
      </Tooltip>
      {current && (
        <Tooltip label={`Delete view "${current.name}"`}>
          <ActionIcon variant="default" size="md" color="red" onClick={() => void remove()}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      <Modal opened={saving} onClose={() => setSaving(false)} title="Save view">
        <TextInput
          label="Name"
          description="Saving under an existing name replaces that view."
          data-testid="inventory-view-name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && void save()}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setSaving(false)}>
            Cancel
          </Button>
          <Button data-testid="inventory-view-confirm" disabled={!name.trim()} onClick={() => void save()}>
            Save
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
