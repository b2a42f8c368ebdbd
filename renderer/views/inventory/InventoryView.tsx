import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { notifyError, notifyOk } from '../../shell/notify';
import { type BulkAction, bulkCall } from './bulk';
import { BulkBar } from './BulkBar';
import { BulkModal, type BulkKind } from './BulkModal';
import { ColumnChooser } from './ColumnChooser';
import { resolveColumns } from './columns';
import { InventoryFilterBar } from './InventoryFilterBar';
import { InventoryTable } from './InventoryTable';
import { useInventory } from './inventory-store';
import { NewCiModal } from './NewCiModal';
import { SavedViews } from './SavedViews';
import { emptySelection, resolveIds, selectAllMatching, selectedCount } from './selection';
import { fetchAllIds, useInventoryRows } from './use-inventory-rows';

/** Re-reads the facets at most this often while imports stream 'cmdb.changed'. */
const facetsRefreshMs = 2000;

function useLiveFacets() {
  const facets = useCall('cmdb.facets');
  const { reload } = facets;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('cmdb.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, facetsRefreshMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);
  return facets;
}

export function InventoryView() {
  const s = useInventory();
  const rows = useInventoryRows(s.filter, s.sort);
  const facets = useLiveFacets();
  const fields = useCall('cmdb.fields.list');
  const settings = useCall('settings.get');
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  const total = rows.total ?? 0;
  const count = selectedCount(s.selection, total);
  const columns = resolveColumns(s.columns, fields.data?.fields ?? []);
  const values = (xs: { value: string }[] | undefined) => (xs ?? []).map((x) => x.value);
  const suggestions = {
    types: values(facets.data?.types),
    environments: values(facets.data?.environments),
    teams: values(facets.data?.teams),
    tags: values(facets.data?.tags),
  };

  const runBulk = async (action: BulkAction) => {
    setBulkBusy(true);
    try {
      const all = s.selection.mode === 'all' ? await fetchAllIds(s.filter, s.sort) : [];
      const ids = resolveIds(s.selection, all);
      if (ids.length === 0) return;
      const call = bulkCall(action, ids);
      if (call.method === 'cmdb.ci.delete') {
        const r = await client.call('cmdb.ci.delete', call.input);
        notifyOk(`${r.deleted} CIs deleted.`);
      } else {
        const r = await client.call('cmdb.ci.bulkUpdate', call.input);
        notifyOk(`${r.updated} CIs updated.`);
      }
      s.setSelection(emptySelection);
      setBulk(null);
      rows.cache.refresh();
      facets.reload();
    } catch (e) {
      notifyError(e, 'The bulk change failed');
    } finally {
      setBulkBusy(false);
    }
  };

  return (
    <Stack data-testid="view-inventory" gap="sm">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={3}>Inventory</Title>
          <Text size="sm" c="dimmed" data-testid="inventory-total" data-total={rows.total ?? ''}>
            {rows.total === null ? 'loading…' : `${rows.total.toLocaleString('en-US')} CIs`}
          </Text>
        </Group>
        <Group gap="xs">
          <SavedViews viewId={s.viewId} filter={s.filter} sort={s.sort} columns={s.columns} onApply={s.applyView} />
          <ColumnChooser columns={s.columns} fields={fields.data?.fields ?? []} onChange={s.setColumns} />
          <Button size="xs" leftSection={<IconPlus size={14} />} data-testid="new-ci" onClick={() => setCreating(true)}>
            New CI
          </Button>
        </Group>
      </Group>
      <InventoryFilterBar value={s.filter} onChange={s.setFilter} facets={facets.data} />
      <BulkBar
        count={count}
        allMatching={s.selection.mode === 'all'}
        onAction={setBulk}
        onClear={() => s.setSelection(emptySelection)}
      />
      {rows.error && <Alert color="red">{rows.error}</Alert>}
      <InventoryTable
        cache={rows.cache}
        total={total}
        version={rows.version}
        columns={columns}
        sort={s.sort}
        onSort={s.setSort}
        selection={s.selection}
        onSelection={s.setSelection}
        onSelectAll={() => s.setSelection(selectAllMatching())}
        scrollTop={s.scrollTop}
        onScrollTop={s.setScrollTop}
      />
      <BulkModal
        kind={bulk}
        count={count}
        confirmOver={settings.data?.['cmdb.confirmBulkOver'] ?? 1}
        suggestions={suggestions}
        busy={bulkBusy}
        onClose={() => setBulk(null)}
        onConfirm={(a) => void runBulk(a)}
      />
      <NewCiModal opened={creating} onClose={() => setCreating(false)} suggestions={suggestions} />
    </Stack>
  );
}
