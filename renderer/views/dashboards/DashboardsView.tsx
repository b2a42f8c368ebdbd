import { Text } from '@mantine/core';

// PLACEHOLDER: replaced by the Dashboards view.
export function DashboardsView() {
  return <Text c="dimmed">Dashboards are being built.</Text>;
}
