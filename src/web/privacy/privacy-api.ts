import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BreachDetail, BreachSummary, PrivacyRequestDetail, PrivacyRequestSummary } from '../../contracts/privacy.js';
import { api, queryString } from '../api/client.js';

export type { BreachDetail, BreachSummary, PrivacyRequestDetail, PrivacyRequestSummary };

type Page<T> = { items: T[]; nextCursor: string | null };

export const privacyKeys = {
  requests: (filters: Record<string, string>) => ['privacy', 'requests', filters] as const,
  request: (id: string) => ['privacy', 'request', id] as const,
  breaches: (filters: Record<string, string>) => ['privacy', 'breaches', filters] as const,
  breach: (id: string) => ['privacy', 'breach', id] as const,
};

export const requestPath = (id: string, rest = '') => `/privacy/requests/${encodeURIComponent(id)}${rest}`;
export const breachPath = (id: string, rest = '') => `/privacy/breaches/${encodeURIComponent(id)}${rest}`;

/** F2: the requests this officer may see, 25 at a time, by the list's filters and order. */
export function useRequestList(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: privacyKeys.requests(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<PrivacyRequestSummary>>(`/privacy/requests${queryString({ ...filters, limit: 25, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBreachList(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: privacyKeys.breaches(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<BreachSummary>>(`/privacy/breaches${queryString({ ...filters, limit: 25, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useRequest = (id: string) =>
  useQuery({ queryKey: privacyKeys.request(id), queryFn: () => api.get<PrivacyRequestDetail>(requestPath(id)) });
export const useBreach = (id: string) =>
  useQuery({ queryKey: privacyKeys.breach(id), queryFn: () => api.get<BreachDetail>(breachPath(id)) });

/** A step whose answer is the record itself: the page shows it at once and the lists refresh. */
export function useRequestStep<Body>(id: string, send: (body: Body) => Promise<PrivacyRequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      queryClient.setQueryData(privacyKeys.request(id), next);
      void queryClient.invalidateQueries({ queryKey: ['privacy', 'requests'] });
    },
  });
}

export function useBreachStep<Body>(id: string, send: (body: Body) => Promise<BreachDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      queryClient.setQueryData(privacyKeys.breach(id), next);
      void queryClient.invalidateQueries({ queryKey: ['privacy', 'breaches'] });
    },
  });
}
