import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import errorsAr from './i18n/errors.ar.json' with { type: 'json' };
import errorsEn from './i18n/errors.en.json' with { type: 'json' };

/** The document library's texts (namespace `documents`), and the server's `document.*` codes under `errors`. */
export const DOCUMENTS_NS = 'documents';

if (!i18n.hasResourceBundle('ar', DOCUMENTS_NS)) {
  i18n.addResourceBundle('ar', DOCUMENTS_NS, ar);
  i18n.addResourceBundle('en', DOCUMENTS_NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: errorsAr }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: errorsEn }, true, false);
}
