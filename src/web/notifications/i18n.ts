import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/**
 * The outbox, task and template pages' texts: namespace `notifications`, and the message and template codes added under
 * `errors` (deep, never overwriting a shared text) so the shared problem helpers translate them.
 */
export const NOTIFICATIONS_NS = 'notifications';

if (!i18n.hasResourceBundle('ar', NOTIFICATIONS_NS)) {
  i18n.addResourceBundle('ar', NOTIFICATIONS_NS, ar);
  i18n.addResourceBundle('en', NOTIFICATIONS_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
  // A bulk send's own skip reason (G3: on letter/phone, not included), read by the shared message-state badge.
  i18n.addResourceBundle('ar', 'translation', { caseMessages: { reasons: ar.caseReasons } }, true, false);
  i18n.addResourceBundle('en', 'translation', { caseMessages: { reasons: en.caseReasons } }, true, false);
}
