import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  fontFamily: 'Inter, system-ui, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", ui-monospace, monospace',
  headings: { fontFamily: 'Inter, system-ui, sans-serif' },
  primaryColor: 'indigo',
  defaultRadius: 'sm',
});

/** Remembers the last scheme locally so the first paint is right; the 'ui.theme' setting is the source of truth. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'opsroom-color-scheme' });
