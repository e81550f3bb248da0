import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/** Compensation cases' texts (namespace `compensation`), and the server's `compensation.*` codes under `errors`. */
export const COMPENSATION_NS = 'compensation';

if (!i18n.hasResourceBundle('ar', COMPENSATION_NS)) {
  i18n.addResourceBundle('ar', COMPENSATION_NS, ar);
  i18n.addResourceBundle('en', COMPENSATION_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
  // A case's messages name their events in the shared list (ui/case-messages.tsx).
  i18n.addResourceBundle('ar', 'translation', { caseMessages: { events: { compensation: ar.messageEvents } } }, true, false);
  i18n.addResourceBundle('en', 'translation', { caseMessages: { events: { compensation: en.messageEvents } } }, true, false);
}
