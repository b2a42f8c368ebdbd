import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useConnection } from '../api/connection-store';
import { ErrorBoundary } from './ErrorBoundary';
import { Shell } from './Shell';
import { colorSchemeManager, theme } from './theme';
import { Unauthorised } from './Unauthorised';

export function App() {
  const connection = useConnection((s) => s.state);
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <ErrorBoundary>{connection === 'unauthorised' ? <Unauthorised /> : <Shell />}</ErrorBoundary>
    </MantineProvider>
  );
}
