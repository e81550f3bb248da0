import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** Retention's texts (namespace `erasure`; issue 25 §6). */
export const ERASURE_NS = 'erasure';

if (!i18n.hasResourceBundle('ar', ERASURE_NS)) {
  i18n.addResourceBundle('ar', ERASURE_NS, ar);
  i18n.addResourceBundle('en', ERASURE_NS, en);
}
