import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  RequestChannel,
  RequestCounts,
  RequestList,
  RequestSummary,
  RequestType,
  ServiceRequest,
  UntoldDecision,
  Worklist,
} from '../../contracts/requests.js';
import { api, queryString } from '../api/client.js';
import { activeRequestTypesKey } from '../ui/request-types.js';

export type { RequestCounts, RequestList, RequestSummary, RequestType, ServiceRequest, Worklist };

export const requestKeys = {
  all: ['requests'] as const,
  list: (list: Worklist, filters: ListFilters) => ['requests', 'list', list, filters] as const,
  counts: ['requests', 'counts'] as const,
  one: (id: string) => ['requests', 'one', id] as const,
  types: activeRequestTypesKey,
  settingsTypes: ['request-types', 'settings'] as const,
  settingsType: (code: string) => ['request-types', 'settings', code] as const,
};

const PAGE_SIZE = 25;
/** `message`: decided requests whose family is not told (C5, C6; the oversight figure's link). */
type ListFilters = { committeeId?: string; familyId?: string; message?: UntoldDecision; channel?: RequestChannel };
const segment = encodeURIComponent;

/** A worklist, sorted by deadline on the server, one page of 25 at a time ("more" follows the cursor). */
export function useRequestList(list: Worklist, filters: ListFilters = {}, isEnabled = true) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(list, filters),
    enabled: isEnabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<RequestList>(`/requests${queryString({ list, ...filters, limit: PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRequestCounts(isEnabled = true) {
  return useQuery({ queryKey: requestKeys.counts, enabled: isEnabled, queryFn: () => api.get<RequestCounts>('/requests/counts') });
}

export function useServiceRequest(id: string) {
  return useQuery({ queryKey: requestKeys.one(id), queryFn: () => api.get<ServiceRequest>(`/requests/${segment(id)}`) });
}

/** Active request types with their criteria and checklist (any staff: intake). */
export { useActiveRequestTypes } from '../ui/request-types.js';

export function useSettingsRequestTypes() {
  return useQuery({
    queryKey: requestKeys.settingsTypes,
    queryFn: async () => (await api.get<{ items: RequestType[] }>('/settings/request-types')).items,
  });
}

export function useSettingsRequestType(code: string, isEnabled: boolean) {
  return useQuery({
    queryKey: requestKeys.settingsType(code),
    enabled: isEnabled,
    queryFn: () => api.get<RequestType>(`/settings/request-types/${segment(code)}`),
  });
}

export function documentUrl(requestId: string, documentId: string): string {
  return `/api/v1/requests/${segment(requestId)}/documents/${segment(documentId)}`;
}

export function attestationFormUrl(requestId: string): string {
  return `/api/v1/requests/${segment(requestId)}/attestation-form`;
}

/** An idempotency key for one form: kept for the form's life so a double click or retry makes one request. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
