import { notifications } from '@mantine/notifications';

/** Every action has a visible result. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, withBorder: true, autoClose: 5000 });
}

export function notifyError(message: string): void {
  notifications.show({ color: 'red', message, withBorder: true, autoClose: 8000 });
}
