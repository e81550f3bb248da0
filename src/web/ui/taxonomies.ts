import { useQuery } from '@tanstack/react-query';
import type { StaffScope } from '../../domain/scope.js';
import { api } from '../api/client.js';
import { useLanguage } from './language.js';
import { type Taxonomies, taxonomyLabels } from './taxonomy-labels.js';

export type { Taxonomies } from './taxonomy-labels.js';

/**
 * Categories, domains and offices for every screen that shows or picks them (families, bulk sends,
 * users, contact officers): one query, and their names in the interface language.
 */
export const taxonomiesKey = ['taxonomies'] as const;

/** Categories, domains and offices: the scope pickers' choices and labels. */
export function useTaxonomies() {
  return useQuery({ queryKey: taxonomiesKey, queryFn: () => api.get<Taxonomies>('/settings/taxonomies'), staleTime: 60_000 });
}

/**
 * The taxonomies' labels and choices in the interface language, for the families and bulk-send
 * screens alike (see `taxonomyLabels`).
 * @example const labels = useTaxonomyLabels({ within: useCurrentUser().scope }); labels.offices()
 */
export function useTaxonomyLabels({ within }: { within?: StaffScope | undefined } = {}) {
  const { language } = useLanguage();
  const taxonomies = useTaxonomies();
  return { isPending: taxonomies.isPending, ...taxonomyLabels(taxonomies.data, language, within) };
}
