import { Alert, Button, Code, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { errorMessage } from '../api/errors';

interface State {
  error: unknown;
}

/** Shows what broke as a sentence instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <Stack p="xl" maw={640} data-testid="error-boundary">
        <Alert color="red" title="This part of Opsroom stopped working">
          <Code block>{errorMessage(this.state.error)}</Code>
        </Alert>
        <Button variant="light" onClick={() => this.setState({ error: null })}>
          Try again
        </Button>
      </Stack>
    );
  }
}
