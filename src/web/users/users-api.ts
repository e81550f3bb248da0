import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StaffListQuery, StaffUser, staffList, staffWithPassword } from '../../contracts/staff.js';
import { api, queryString } from '../api/client.js';

export type StaffList = z.infer<typeof staffList>;
export type StaffWithPassword = z.infer<typeof staffWithPassword>;
/** Moved to web/ui/taxonomies.ts, shared with the families and bulk-send screens. */
export { type Taxonomies, taxonomiesKey, useTaxonomies } from '../ui/taxonomies.js';

export const staffKeys = {
  all: ['staff'] as const,
  list: (query: StaffListQuery) => ['staff', 'list', query] as const,
  one: (id: string) => ['staff', 'one', id] as const,
};

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
