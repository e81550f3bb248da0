import { i18n } from '../i18n/i18n.js';
import '../inquiries/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** The oversight page's texts (namespace `oversight`); steps and ages come from `inquiries`. */
export const OVERSIGHT_NS = 'oversight';

if (!i18n.hasResourceBundle('ar', OVERSIGHT_NS)) {
  i18n.addResourceBundle('ar', OVERSIGHT_NS, ar);
  i18n.addResourceBundle('en', OVERSIGHT_NS, en);
}
