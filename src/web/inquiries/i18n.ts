import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/**
 * The inquiries' texts (namespace `inquiries`), and the server's complaint and inquiry codes added
 * under `errors` (deep, never overwriting a shared text) so the shared problem helpers translate them.
 */
export const INQUIRIES_NS = 'inquiries';

if (!i18n.hasResourceBundle('ar', INQUIRIES_NS)) {
  i18n.addResourceBundle('ar', INQUIRIES_NS, ar);
  i18n.addResourceBundle('en', INQUIRIES_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
