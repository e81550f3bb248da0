import type { TaxonomyItem } from '../../contracts/settings.js';
import type { StaffScope } from '../../domain/scope.js';

/** Categories, domains and offices, as the settings API answers them. */
export interface Taxonomies {
  categories: TaxonomyItem[];
  domains: TaxonomyItem[];
  offices: TaxonomyItem[];
}

/**
 * Taxonomy codes → names in `language`, and the choices of a select (pure). With `within` (the
 * signed-in user's scope, on a form that writes), the office and category choices are those of that
 * scope (F2, issue 21 §1: the server refuses a family placed outside it, so the form does not offer
 * it). Inactive items are offered only when `keep` names them (the record's current value).
 * @example taxonomyLabels(data, 'ar', { offices: ['khobar'], categories: [], domains: [] }).offices()
 */
export function taxonomyLabels(data: Taxonomies | undefined, language: string, within?: StaffScope) {
  const limited = (items: TaxonomyItem[] | undefined, set: readonly string[] | undefined) =>
    set?.length ? items?.filter((item) => set.includes(item.code)) : items;
  const nameOf = (item: TaxonomyItem) => (language === 'ar' ? item.nameAr : item.nameEn);
  const choices = (items: TaxonomyItem[] | undefined, keep?: readonly string[]) =>
    (items ?? []).filter((item) => item.isActive || keep?.includes(item.code)).map((item) => ({ value: item.code, label: nameOf(item) }));
  const label = (items: TaxonomyItem[] | undefined, code: string) => {
    const item = items?.find((candidate) => candidate.code === code);
    return item ? nameOf(item) : code;
  };
  return {
    offices: (keep?: readonly string[]) => choices(limited(data?.offices, within?.offices), keep),
    categories: (keep?: readonly string[]) => choices(limited(data?.categories, within?.categories), keep),
    domains: (keep?: readonly string[]) => choices(data?.domains, keep),
    office: (code: string) => label(data?.offices, code),
    category: (code: string) => label(data?.categories, code),
    domain: (code: string) => label(data?.domains, code),
  };
}
