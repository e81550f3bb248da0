import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../domain/dates.js';
import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

/** ar.json is the source of truth; en.json follows it key for key. */
export const LANGUAGES: readonly Language[] = ['ar', 'en'];

const STORAGE_KEY = 'sila.language';
/** The public home remembers a visitor's choice in this cookie; the staff app starts from it too. */
const PUBLIC_COOKIE = 'sila_lang';

export function isLanguage(value: unknown): value is Language {
  return value === 'ar' || value === 'en';
}

export type LanguageSource = 'this-device' | 'public-home' | 'default';

/**
 * The language to start in before the session says which one the person chose: the last one used
 * in the staff app on this device, else the one picked on the public home, else Arabic.
 */
function initialLanguage(): { language: Language; source: LanguageSource } {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return { language: stored, source: 'this-device' };
  } catch {
    // Storage can be disabled; the cookie and the default still work.
  }
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(`${PUBLIC_COOKIE}=`));
  const fromCookie = cookie?.slice(PUBLIC_COOKIE.length + 1);
  return isLanguage(fromCookie) ? { language: fromCookie, source: 'public-home' } : { language: 'ar', source: 'default' };
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** Switches the texts and flips `lang` and `dir` on <html>. */
export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered on this device; the server keeps the signed-in person's choice.
  }
}

const { language: startLanguage, source } = initialLanguage();
export const startLanguageSource: LanguageSource = source;
document.documentElement.lang = startLanguage;
document.documentElement.dir = directionOf(startLanguage);

void i18n.use(initReactI18next).init({
  resources: { ar: { translation: ar }, en: { translation: en } },
  lng: startLanguage,
  fallbackLng: 'ar',
  supportedLngs: LANGUAGES,
  // React escapes what it renders; escaping here too would show &lt; to people.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
