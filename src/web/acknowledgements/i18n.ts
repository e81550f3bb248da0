import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/** Policy acknowledgements' texts (namespace `acknowledgements`), and the server's codes under `errors`. */
export const ACKNOWLEDGEMENTS_NS = 'acknowledgements';

if (!i18n.hasResourceBundle('ar', ACKNOWLEDGEMENTS_NS)) {
  i18n.addResourceBundle('ar', ACKNOWLEDGEMENTS_NS, ar);
  i18n.addResourceBundle('en', ACKNOWLEDGEMENTS_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
