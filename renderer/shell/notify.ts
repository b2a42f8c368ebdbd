import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';

export function notifyError(e: unknown, title = 'That did not work') {
  notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 8000 });
}

export function notifyOk(message: string, title?: string) {
  notifications.show({ color: 'green', title, message, autoClose: 4000 });
}
