import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/** Satisfaction surveys' texts (namespace `surveys`; issue 24, H1). */
export const SURVEYS_NS = 'surveys';

if (!i18n.hasResourceBundle('ar', SURVEYS_NS)) {
  i18n.addResourceBundle('ar', SURVEYS_NS, ar);
  i18n.addResourceBundle('en', SURVEYS_NS, en);
}
