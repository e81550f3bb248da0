import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/**
 * The committees' texts (namespace `committees`), and the server's committee codes added under
 * `errors` (deep, never overwriting a shared text) so the shared problem helpers translate them.
 */
export const COMMITTEES_NS = 'committees';

if (!i18n.hasResourceBundle('ar', COMMITTEES_NS)) {
  i18n.addResourceBundle('ar', COMMITTEES_NS, ar);
  i18n.addResourceBundle('en', COMMITTEES_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
