import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TaxonomyItem } from '../../contracts/settings.js';
import type { StaffListQuery, StaffUser, staffList, staffWithPassword } from '../../contracts/staff.js';
import { api, queryString } from '../api/client.js';

export type StaffList = z.infer<typeof staffList>;
export type StaffWithPassword = z.infer<typeof staffWithPassword>;
export interface Taxonomies {
  categories: TaxonomyItem[];
  domains: TaxonomyItem[];
  offices: TaxonomyItem[];
}

export const staffKeys = {
  all: ['staff'] as const,
  list: (query: StaffListQuery) => ['staff', 'list', query] as const,
  one: (id: string) => ['staff', 'one', id] as const,
};

export const taxonomiesKey = ['taxonomies'] as const;

export function useStaffList(query: StaffListQuery) {
  return useQuery({
    queryKey: staffKeys.list(query),
    queryFn: () => api.get<StaffList>(`/staff/users${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useStaffUser(id: string) {
  return useQuery({ queryKey: staffKeys.one(id), queryFn: () => api.get<StaffUser>(`/staff/users/${encodeURIComponent(id)}`) });
}

/** Categories, domains and offices: the scope pickers' choices and labels. */
export function useTaxonomies() {
  return useQuery({ queryKey: taxonomiesKey, queryFn: () => api.get<Taxonomies>('/settings/taxonomies'), staleTime: 60_000 });
}
