import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  opened: boolean;
  title: string;
  /** what happens, and what stays */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  color?: string;
  confirmTestId?: string;
  testId?: string;
  onConfirm(): void;
  onClose(): void;
}

/** "Delete X?": a sentence about the consequences, Cancel, and the action in its colour. */
export function ConfirmModal(p: Props) {
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title}>
      <Stack gap="sm" data-testid={p.testId}>
        {p.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onClose}>
            {p.cancelLabel ?? 'Cancel'}
          </Button>
          <Button color={p.color ?? 'red'} onClick={p.onConfirm} data-testid={p.confirmTestId}>
            {p.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
