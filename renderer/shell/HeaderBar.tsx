import { ActionIcon, Group, Kbd, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconMoon, IconSearch, IconSun } from '@tabler/icons-react';
import { useThemeSetting } from './use-theme-setting';

export function HeaderBar() {
  const { toggle, computed } = useThemeSetting();
  return (
    <Group h="100%" px="md" justify="space-between">
      <Text fw={700} size="lg">
        Opsroom
      </Text>
      <Group gap="sm">
        <UnstyledButton data-testid="palette-open" onClick={() => spotlight.open()}>
          <Group gap={6}>
            <IconSearch size={16} />
            <Text size="sm" c="dimmed">
              Commands
            </Text>
            <Kbd size="xs">Ctrl K</Kbd>
          </Group>
        </UnstyledButton>
        <Tooltip label="Toggle light/dark theme">
          <ActionIcon
            variant="default"
            size="lg"
            data-testid="theme-toggle"
            data-scheme={computed}
            aria-label="Toggle theme"
            onClick={() => void toggle()}
          >
            {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
