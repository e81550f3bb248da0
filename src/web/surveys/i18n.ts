import { i18n } from '../i18n/i18n.js';
import ar from './i18n/ar.json' with { type: 'json' };
import builderAr from './i18n/builder.ar.json' with { type: 'json' };
import builderEn from './i18n/builder.en.json' with { type: 'json' };
import campaignAr from './i18n/campaign.ar.json' with { type: 'json' };
import campaignEn from './i18n/campaign.en.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };

/**
 * Satisfaction surveys' texts (namespace `surveys`; issue 24, H1): the results in `ar/en.json`; the
 * builder, settings and answers screens in `builder.*.json`, with the surveys' own problem codes.
 */
export const SURVEYS_NS = 'surveys';

if (!i18n.hasResourceBundle('ar', SURVEYS_NS)) {
  i18n.addResourceBundle('ar', SURVEYS_NS, ar);
  i18n.addResourceBundle('en', SURVEYS_NS, en);
  i18n.addResourceBundle('ar', SURVEYS_NS, builderAr, true, false);
  i18n.addResourceBundle('en', SURVEYS_NS, builderEn, true, false);
  // Issue 24 §3: the campaigns' screens.
  i18n.addResourceBundle('ar', SURVEYS_NS, campaignAr, true, false);
  i18n.addResourceBundle('en', SURVEYS_NS, campaignEn, true, false);
}
