import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/**
 * The registry's texts live with the registry: its own namespace `families`, and the server's
 * family codes added under `errors` (deep, never overwriting a shared text) so the shared problem
 * helpers translate them.
 */
export const FAMILIES_NS = 'families';

if (!i18n.hasResourceBundle('ar', FAMILIES_NS)) {
  i18n.addResourceBundle('ar', FAMILIES_NS, ar);
  i18n.addResourceBundle('en', FAMILIES_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
