import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** The home page's set-up checklist and worklists (issue 27 §6, §7): namespace `setup`. */
export const SETUP_NS = 'setup';

if (!i18n.hasResourceBundle('ar', SETUP_NS)) {
  i18n.addResourceBundle('ar', SETUP_NS, ar);
  i18n.addResourceBundle('en', SETUP_NS, en);
}
