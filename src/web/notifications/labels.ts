import { useTranslation } from 'react-i18next';
import { NOTIFICATIONS_NS } from './i18n.js';

const STATUS_COLOURS: Record<string, string> = {
  pending: 'yellow',
  sending: 'blue',
  sent: 'teal',
  delivered: 'green',
  skipped: 'gray',
  failed: 'red',
  'waiting-staff': 'orange',
  done: 'teal',
  expired: 'gray',
  cancelled: 'gray',
};

export function statusColour(status: string): string {
  return STATUS_COLOURS[status] ?? 'gray';
}

/**
 * Names for the outbox's codes. A last error is a stored code (`sms.http-503`, `email.timeout`,
 * `recipient.no-address`…): the transport part is read generically, known codes by name, and
 * anything else shown as its code rather than hidden.
 */
export function useMessageLabels() {
  const { t, i18n } = useTranslation(NOTIFICATIONS_NS);
  const known = (key: string) => i18n.exists(`${NOTIFICATIONS_NS}:${key}`);
  const named = (group: string, value: string) => (known(`${group}.${value}`) ? t(`${group}.${value}`) : value);
  return {
    status: (value: string) => named('statuses', value),
    channel: (value: string) => named('channels', value),
    event: (value: string) => named('events', value),
    recipientKind: (value: string) => named('recipientKinds', value),
    outcome: (value: string) => named('outcomes', value),
    error: (code: string | null): string | null => {
      if (!code) return null;
      if (known(`errorCodes.${code}`)) return t(`errorCodes.${code}`);
      const rest = code.slice(code.indexOf('.') + 1);
      const status = /^(http|smtp)-(\d{3})$/.exec(rest);
      if (status) return t(`errorCodes.${status[1]}`, { status: status[2] });
      if (['timeout', 'network', 'auth'].includes(rest)) return t(`errorCodes.${rest}`);
      // A delivery report's failure (issue 20 §5): `sms.report-EXPIRED`, `whatsapp.report-131026`.
      if (rest.startsWith('report-')) return t('errorCodes.report', { code: rest.slice('report-'.length) });
      return t('errorCodes.unknown', { code });
    },
  };
}
