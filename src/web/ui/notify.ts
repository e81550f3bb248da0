import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n.js';

/** Every action has a visible result. */
function show(color: string, message: string, autoClose: number): void {
  notifications.show({ color, message, withBorder: true, autoClose, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}

export function notifySuccess(message: string): void {
  show('green', message, 5000);
}

export function notifyError(message: string): void {
  show('red', message, 8000);
}
