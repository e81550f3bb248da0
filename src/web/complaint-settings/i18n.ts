import { i18n } from '../i18n/i18n.js';
// The complaint error codes (complaints.*) live with the inquiries' texts.
import '../inquiries/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** The complaint settings' texts (namespace `complaintSettings`). */
export const COMPLAINT_SETTINGS_NS = 'complaintSettings';

if (!i18n.hasResourceBundle('ar', COMPLAINT_SETTINGS_NS)) {
  i18n.addResourceBundle('ar', COMPLAINT_SETTINGS_NS, ar);
  i18n.addResourceBundle('en', COMPLAINT_SETTINGS_NS, en);
}
