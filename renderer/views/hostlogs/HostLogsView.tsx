import { Text } from '@mantine/core';

// PLACEHOLDER: replaced by the Host logs view.
export function HostLogsView() {
  return <Text c="dimmed">Host logs are being built.</Text>;
}
