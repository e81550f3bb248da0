import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CompensationDetail, CompensationSummary, caseList } from '../../contracts/compensation.js';
import { api, queryString } from '../api/client.js';

export type { CompensationDetail, CompensationSummary };

type CaseList = z.infer<typeof caseList>;

export const compensationKeys = {
  list: (filters: Record<string, string>) => ['compensation', 'list', filters] as const,
  one: (id: string) => ['compensation', 'one', id] as const,
};

export const casePath = (id: string, rest = '') => `/compensation-cases/${encodeURIComponent(id)}${rest}`;

/** The cases the server lets this person see, newest first, 25 at a time. */
export function useCaseList(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: compensationKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<CaseList>(`/compensation-cases${queryString({ ...filters, limit: 25, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: compensationKeys.one(id), queryFn: () => api.get<CompensationDetail>(casePath(id)) });
}

/** A write on the case whose answer is the case itself: the page shows it at once and the lists refresh. */
export function useCaseWrite<Body>(id: string, send: (body: Body) => Promise<CompensationDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      queryClient.setQueryData(compensationKeys.one(id), next);
      void queryClient.invalidateQueries({ queryKey: ['compensation', 'list'] });
    },
  });
}

/** Riyals typed by a person as halalas (shared with the committees' vote on a compensation case). */
export { halalasFrom } from '../ui/riyals.js';
