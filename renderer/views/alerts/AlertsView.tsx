import { Text } from '@mantine/core';

// PLACEHOLDER: replaced by the Alerts view.
export function AlertsView() {
  return <Text c="dimmed">Alerts are being built.</Text>;
}
