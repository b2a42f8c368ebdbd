import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useCallback } from 'react';
import type { Settings } from '../../shared/api/settings';
import { client } from '../api/client';
import { notifyError } from './notify';

/** Applies and persists the 'ui.theme' setting through Mantine's color scheme manager. */
export function useThemeSetting() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');

  const apply = useCallback((t: Settings['ui.theme']) => setColorScheme(t === 'system' ? 'auto' : t), [setColorScheme]);

  const save = useCallback(
    async (t: Settings['ui.theme']) => {
      apply(t);
      try {
        await client.call('settings.update', { values: { 'ui.theme': t } });
      } catch (e) {
        notifyError(e, 'Could not save the theme');
      }
    },
    [apply],
  );

  const toggle = useCallback(() => save(computed === 'dark' ? 'light' : 'dark'), [computed, save]);
  return { apply, save, toggle, computed };
}
