import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };
import messagesAr from './i18n/messages.ar.json' with { type: 'json' };
import messagesEn from './i18n/messages.en.json' with { type: 'json' };

/** The privacy area's texts (namespace `privacy`), the server's `privacy.*` codes under `errors`, and its messages' names for the shared message list. */
export const PRIVACY_NS = 'privacy';

if (!i18n.hasResourceBundle('ar', PRIVACY_NS)) {
  i18n.addResourceBundle('ar', PRIVACY_NS, ar);
  i18n.addResourceBundle('en', PRIVACY_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
  i18n.addResourceBundle('ar', 'translation', { caseMessages: { events: messagesAr } }, true, false);
  i18n.addResourceBundle('en', 'translation', { caseMessages: { events: messagesEn } }, true, false);
}
