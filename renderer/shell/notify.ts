import { type NotificationData, notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';

export function notifyError(e: unknown, title = 'That did not work') {
  notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 8000 });
}

export function notifyOk(message: string, title?: string) {
  notifications.show({ color: 'green', title, message, autoClose: 4000 });
}

export interface Toast extends NotificationData {
  /** the toast element's data-testid, for end-to-end tests */
  testId?: string;
}

/** Shows a toast, or with `update` changes the one already shown under the same id. */
export function showToast({ testId, ...data }: Toast, update = false) {
  // Props beyond NotificationData's type reach the DOM (Mantine forwards them).
  const toast = (testId === undefined ? data : { ...data, 'data-testid': testId }) as NotificationData;
  if (update) notifications.update(toast);
  else notifications.show(toast);
}

export function hideToast(id: string) {
  notifications.hide(id);
}
