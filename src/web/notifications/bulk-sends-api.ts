import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AudienceCount,
  BulkAudience,
  BulkResults,
  BulkSend,
  bulkSendList,
  CreateBulkSendBody,
} from '../../contracts/notifications.js';
import type { MessageState } from '../../domain/message-state.js';
import { api, queryString } from '../api/client.js';

export type BulkSendList = z.infer<typeof bulkSendList>;
export type BulkResult = BulkResults['items'][number];
export type { AudienceCount, BulkAudience, BulkSend, CreateBulkSendBody, MessageState };

export const bulkKeys = {
  all: ['bulk-sends'] as const,
  list: ['bulk-sends', 'list'] as const,
  one: (id: string) => ['bulk-sends', 'one', id] as const,
  results: (id: string, state: string | undefined) => ['bulk-sends', 'results', id, state ?? 'all'] as const,
  preview: (audience: BulkAudience) => ['bulk-sends', 'preview', audience] as const,
};

const PAGE = 20;
const RESULTS_PAGE = 50;
/** G3: progress is re-read this often while a send is scheduled or running. */
export const PROGRESS_REFRESH_MS = 2_500;
const segment = encodeURIComponent;

export const isActive = (send: Pick<BulkSend, 'status'>) => send.status === 'scheduled' || send.status === 'running';

/** Sends, newest first, a page at a time (keyset cursor); re-read while any on the page is still working. */
export function useBulkSends() {
  return useInfiniteQuery({
    queryKey: bulkKeys.list,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<BulkSendList>(`/notifications/bulk-sends${queryString({ cursor: pageParam, limit: PAGE })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(isActive)) ? PROGRESS_REFRESH_MS : false),
  });
}

/** One send with its counters and its messages' states; refreshed every 2.5 s while scheduled or running. */
export function useBulkSend(id: string) {
  return useQuery({
    queryKey: bulkKeys.one(id),
    queryFn: () => api.get<BulkSend>(`/notifications/bulk-sends/${segment(id)}`),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? PROGRESS_REFRESH_MS : false),
  });
}

/**
 * Each family's result, in the order queued, optionally of one state (keyset paged). `progress` (the
 * send's status and families worked through) is part of the key: the rows are re-read as the job moves.
 */
export function useBulkResults(id: string, state: MessageState | undefined, progress: string) {
  return useInfiniteQuery({
    queryKey: [...bulkKeys.results(id, state), progress],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<BulkResults>(
        `/notifications/bulk-sends/${segment(id)}/results${queryString({ state, cursor: pageParam, limit: RESULTS_PAGE })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The audience counted before sending (G3): in all, by agreed channel, and on letter/phone. */
export function useAudiencePreview(audience: BulkAudience, isEnabled: boolean) {
  return useQuery({
    queryKey: bulkKeys.preview(audience),
    enabled: isEnabled,
    queryFn: () => api.post<AudienceCount>('/notifications/bulk-sends/preview', { audience }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCreateBulkSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBulkSendBody) => api.post<BulkSend>('/notifications/bulk-sends', body),
    onSuccess: (send) => {
      queryClient.setQueryData(bulkKeys.one(send.id), send);
      void queryClient.invalidateQueries({ queryKey: bulkKeys.list });
    },
  });
}

export function useCancelBulkSend(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<BulkSend>(`/notifications/bulk-sends/${segment(id)}/cancel`),
    onSuccess: (send) => {
      queryClient.setQueryData(bulkKeys.one(id), send);
      void queryClient.invalidateQueries({ queryKey: bulkKeys.all });
    },
  });
}
