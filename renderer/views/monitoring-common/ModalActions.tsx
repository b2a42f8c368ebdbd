import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** why the last try failed (nothing was saved); shown above the buttons */
  error?: string | null;
  errorTitle?: string;
  errorTestId?: string;
  busy?: boolean;
  confirmLabel: string;
  confirmTestId?: string;
  /** beside the buttons, on the left (an Enabled switch) */
  left?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** The foot of an editor modal: what went wrong, Cancel, and the action. */
export function ModalActions(p: Props) {
  return (
    <>
      {p.error && (
        <Alert color="red" title={p.errorTitle} data-testid={p.errorTestId}>
          {p.error}
        </Alert>
      )}
      <Group justify={p.left ? 'space-between' : 'flex-end'}>
        {p.left}
        <Group gap="xs">
          <Button variant="default" onClick={p.onCancel}>
            Cancel
          </Button>
          <Button loading={p.busy} onClick={p.onConfirm} data-testid={p.confirmTestId}>
            {p.confirmLabel}
          </Button>
        </Group>
      </Group>
    </>
  );
}
