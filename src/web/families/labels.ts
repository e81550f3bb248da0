import type { TaxonomyItem } from '../../contracts/settings.js';
import { useSession } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
import { useTaxonomies } from '../users/users-api.js';

/**
 * Taxonomy codes → names in the interface language, and the choices of a select. With `isWritable`,
 * the office and category choices are those of the signed-in user's scope (F2, issue 21 §1: the
 * server refuses a family placed outside it, so the form does not offer it).
 */
export function useTaxonomyLabels({ isWritable = false }: { isWritable?: boolean } = {}) {
  const { language } = useLanguage();
  const taxonomies = useTaxonomies();
  const scope = useSession().data?.user.scope;
  const within = (items: TaxonomyItem[] | undefined, set: readonly string[] | undefined) =>
    isWritable && set?.length ? items?.filter((item) => set.includes(item.code)) : items;
  const nameOf = (item: TaxonomyItem) => (language === 'ar' ? item.nameAr : item.nameEn);
  const choices = (items: TaxonomyItem[] | undefined, keep?: readonly string[]) =>
    (items ?? []).filter((item) => item.isActive || keep?.includes(item.code)).map((item) => ({ value: item.code, label: nameOf(item) }));
  const label = (items: TaxonomyItem[] | undefined, code: string) => {
    const item = items?.find((candidate) => candidate.code === code);
    return item ? nameOf(item) : code;
  };
  const data = taxonomies.data;
  return {
    isPending: taxonomies.isPending,
    offices: (keep?: readonly string[]) => choices(within(data?.offices, scope?.offices), keep),
    categories: (keep?: readonly string[]) => choices(within(data?.categories, scope?.categories), keep),
    domains: (keep?: readonly string[]) => choices(data?.domains, keep),
    office: (code: string) => label(data?.offices, code),
    category: (code: string) => label(data?.categories, code),
    domain: (code: string) => label(data?.domains, code),
  };
}

/** Typed text that is an ID number or a mobile (mostly digits) is looked up, never put in a URL. */
export function lookupOf(text: string): { nationalId: string } | { mobile: string } | null {
  const latin = text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.charCodeAt(0) & 0xf) % 10));
  const compact = latin.replace(/[\s\-+()\u2010-\u2015\u2212]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 5 || digits.length < compact.length * 0.8) return null;
  if (/^[12]\d{9}$/.test(digits)) return { nationalId: digits };
  return { mobile: latin.trim() };
}
