import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewBody, SetupMark, SetupStatus, TestSendBody } from '../../contracts/setup.js';
import { api } from '../api/client.js';
import { useFormat } from './format.js';

/**
 * The administrator's set-up checklist (issue 27 §7), read by the home page's card and by the pages
 * where an item is done (request types, holidays): one query, refreshed by every action on it.
 */
export const setupKey = ['setup'] as const;

export function useSetupStatus({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: setupKey, queryFn: () => api.get<SetupStatus>('/setup'), enabled });
}

export function useMarkReviewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) => api.post<SetupStatus>('/setup/reviews', body),
    onSuccess: (status) => queryClient.setQueryData(setupKey, status),
  });
}

export function useSendTestMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TestSendBody) => api.post<{ channel: string; sentAt: string }>('/setup/test-message', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setupKey }),
  });
}

/** "when" of a mark in both calendars (X2). */
export function useMarkDate(): (mark: SetupMark) => string {
  const { dualDate } = useFormat();
  return (mark) => {
    const { hijri, gregorian } = dualDate(mark.at);
    return `${hijri} (${gregorian})`;
  };
}
