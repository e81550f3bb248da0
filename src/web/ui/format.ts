import { useMemo } from 'react';
import { type DigitStyle, formatDualDate } from '../../domain/dates.js';
import { useAssociation } from './association.js';
import { useLanguage } from './language.js';

/** Between the items of a list: the Arabic comma in Arabic, a comma in English (X2). */
export const LIST_SEPARATOR = { ar: '، ', en: ', ' } as const;

/**
 * Numbers and dates as people here read them: Latin digits unless the association chose
 * Arabic-Indic ones (for the Arabic interface), dates in Hijri and Gregorian.
 */
export function useFormat() {
  const { language } = useLanguage();
  const association = useAssociation();
  const digits: DigitStyle = language === 'ar' ? (association.data?.digits ?? 'latn') : 'latn';
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(`${language}-u-nu-${digits}`);
    return {
      digits,
      number: (value: number) => numbers.format(value),
      dualDate: (value: string | Date) => formatDualDate(value, { language, digits }),
    };
  }, [language, digits]);
}
