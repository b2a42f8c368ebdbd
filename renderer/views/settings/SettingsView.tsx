import { Alert, Button, Group, Skeleton, Stack, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../../shared/api/settings';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { notifyOk } from '../../shell/notify';
import { useThemeSetting } from '../../shell/use-theme-setting';
import { changedValues, settingFields } from './fields';
import { SettingInput } from './SettingInput';

export function SettingsView() {
  const fields = useMemo(() => settingFields(), []);
  const current = useCall('settings.get');
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { apply } = useThemeSetting();
  useEffect(() => {
    if (current.data) setDraft({ ...current.data });
  }, [current.data]);

  const changes = current.data ? changedValues(current.data, draft) : {};
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await client.call('settings.update', { values: changes as Partial<Settings> });
      setDraft({ ...saved });
      apply(saved['ui.theme']);
      current.reload();
      notifyOk('Settings saved.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack data-testid="view-settings" maw={520}>
      <Title order={3}>Settings</Title>
      {current.error && <Alert color="red">{current.error}</Alert>}
      {!current.data ? (
        <Skeleton h={300} />
      ) : (
        fields.map((f) => (
          <SettingInput
            key={f.key}
            field={f}
            value={draft[f.key]}
            onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v }))}
          />
        ))
      )}
      {error && (
        <Alert color="red" data-testid="settings-error">
          {error}
        </Alert>
      )}
      <Group>
        <Button data-testid="settings-save" onClick={save} loading={busy} disabled={Object.keys(changes).length === 0}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
