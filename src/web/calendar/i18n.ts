import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/**
 * The holiday settings' texts: namespace `calendar`, and the calendar's server codes added under
 * `errors` (deep, never overwriting a shared text) so the shared problem helpers translate them.
 */
export const CALENDAR_NS = 'calendar';

if (!i18n.hasResourceBundle('ar', CALENDAR_NS)) {
  i18n.addResourceBundle('ar', CALENDAR_NS, ar);
  i18n.addResourceBundle('en', CALENDAR_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
