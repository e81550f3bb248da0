import { i18n } from '../i18n/i18n.js';
// The complaint and inquiry error codes (officers.*) live with the inquiries' texts.
import '../inquiries/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** The contact-officer register's texts (namespace `contactOfficers`). */
export const OFFICERS_NS = 'contactOfficers';

if (!i18n.hasResourceBundle('ar', OFFICERS_NS)) {
  i18n.addResourceBundle('ar', OFFICERS_NS, ar);
  i18n.addResourceBundle('en', OFFICERS_NS, en);
}
