import type { ReactNode } from 'react';
import { ConfirmModal } from './ConfirmModal';

interface Props {
  /** from useConfirmedDelete */
  del: { deleting: unknown; confirm(): Promise<void>; cancel(): void };
  title: string;
  confirmLabel?: string;
  cancelLabel?: string;
  testId?: string;
  confirmTestId?: string;
  /** what happens, and what stays */
  children: ReactNode;
}

/** The question useConfirmedDelete asks, open while a row is being deleted. */
export function DeleteConfirm({ del, confirmLabel = 'Delete', ...p }: Props) {
  return (
    <ConfirmModal
      {...p}
      opened={del.deleting !== null}
      confirmLabel={confirmLabel}
      onConfirm={() => void del.confirm()}
      onClose={del.cancel}
    />
  );
}
