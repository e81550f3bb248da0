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
import { ApiError, api, type Problem, queryString } from '../api/client.js';
import { useSession } from '../auth/session.js';

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

/** The CSRF token of the current session, for the writes the JSON client cannot make. */
export function useCsrfToken(): string | null {
  return useSession().data?.csrfToken ?? null;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === 'string') return new ApiError({ ...body, status: response.status } as Problem);
  } catch {
    // Not problem+json.
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    code: 'http',
    detail: response.statusText,
  });
}

/** A write the JSON client cannot make (a file upload, a file download), with the session's CSRF token. */
async function rawPost(token: string | null, path: string, body: BodyInit, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers['x-csrf-token'] = token;
  if (contentType) headers['content-type'] = contentType;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method: 'POST', headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network',
      detail: 'The server could not be reached',
    });
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** Downloads the export and saves it under the name the server gave it. */
export async function exportFamilies(token: string | null, format: 'csv' | 'xlsx', filters: FamilyFilters): Promise<string> {
  const response = await rawPost(token, '/families/export', JSON.stringify({ format, ...filters }), 'application/json');
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `families.${format}`;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

export async function uploadSheet(token: string | null, file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await rawPost(token, '/families/imports', form);
  return (await response.json()) as ImportPreview;
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
