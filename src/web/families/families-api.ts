import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accessLogEntry,
  Family,
  FamilyFilters,
  FamilyListQuery,
  FamilySummary,
  familyList,
  ImportStatus,
  importPreview,
} from '../../contracts/families.js';
import { api, queryString } from '../api/client.js';

export type FamilyList = z.infer<typeof familyList>;
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
export type ImportPreview = z.infer<typeof importPreview>;
export type { Family, FamilySummary, ImportStatus };

export const familyKeys = {
  all: ['families'] as const,
  list: (query: Omit<FamilyListQuery, 'cursor'>) => ['families', 'list', query] as const,
  count: (filters: FamilyFilters) => ['families', 'count', filters] as const,
  lookup: (body: LookupBody | null) => ['families', 'lookup', body] as const,
  one: (id: string) => ['families', 'one', id] as const,
  accessLog: (id: string) => ['families', 'access-log', id] as const,
  import: (id: string) => ['families', 'import', id] as const,
};

export type LookupBody = { nationalId: string } | { mobile: string };

export function useFamilyList(query: Omit<FamilyListQuery, 'cursor'>, isEnabled: boolean) {
  return useInfiniteQuery({
    queryKey: familyKeys.list(query),
    enabled: isEnabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<FamilyList>(`/families${queryString({ ...query, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useFamilyCount(filters: FamilyFilters, isEnabled: boolean) {
  return useQuery({
    queryKey: familyKeys.count(filters),
    enabled: isEnabled,
    queryFn: () => api.get<{ count: number; isCapped: boolean }>(`/families/count${queryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

/** ID numbers and mobiles travel in a POST body, never in a URL (issue 3 §3). */
export function useFamilyLookup(body: LookupBody | null) {
  return useQuery({
    queryKey: familyKeys.lookup(body),
    enabled: body !== null,
    queryFn: () => api.post<FamilyList>('/families/lookup', body),
    gcTime: 0,
  });
}

export function useFamily(id: string) {
  return useQuery({ queryKey: familyKeys.one(id), queryFn: () => api.get<Family>(`/families/${encodeURIComponent(id)}`) });
}

export function useAccessLog(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: familyKeys.accessLog(id),
    enabled: isEnabled,
    queryFn: () => api.get<AccessLogEntry[]>(`/families/${encodeURIComponent(id)}/access-log`),
  });
}

/** Downloads the export and saves it under the name the server gave it. */
export function exportFamilies(format: 'csv' | 'xlsx', filters: FamilyFilters): Promise<string> {
  return api.download('/families/export', { format, ...filters }, `families.${format}`);
}

export function uploadSheet(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<ImportPreview>('/families/imports', form);
}

export function useImportStatus(id: string | null) {
  return useQuery({
    queryKey: familyKeys.import(id ?? ''),
    enabled: id !== null,
    queryFn: () => api.get<ImportStatus>(`/families/imports/${encodeURIComponent(id ?? '')}`),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 1000;
    },
  });
}
