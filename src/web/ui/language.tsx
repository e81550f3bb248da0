import { useDirection } from '@mantine/core';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Language } from '../../domain/dates.js';
import { applyLanguage, directionOf, i18n, isLanguage } from '../i18n/i18n.js';

interface LanguageState {
  language: Language;
  /** Switches texts and direction at once; `dir` on <html> and Mantine's direction move together. */
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const { setDirection } = useDirection();
  const [language, setCurrent] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'ar');
  const setLanguage = useCallback(
    (next: Language) => {
      applyLanguage(next);
      setDirection(directionOf(next));
      setCurrent(next);
    },
    [setDirection],
  );
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext value={value}>{children}</LanguageContext>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}
