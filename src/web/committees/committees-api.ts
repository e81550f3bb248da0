import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  AwaitingRequest,
  Committee,
  CreateCommitteeBody,
  Meeting,
  MeetingSummary,
  Minutes,
  UpdateCommitteeBody,
} from '../../contracts/committees.js';
import { api, queryString } from '../api/client.js';

export type { AwaitingRequest, Committee, CreateCommitteeBody, Meeting, MeetingSummary, Minutes, UpdateCommitteeBody };

export const committeeKeys = {
  all: ['committees'] as const,
  list: ['committees', 'list'] as const,
  one: (id: string) => ['committees', 'one', id] as const,
  meetings: (id: string) => ['committees', 'meetings', id] as const,
  awaiting: (id: string) => ['committees', 'awaiting', id] as const,
  meeting: (id: string) => ['committees', 'meeting', id] as const,
  minutes: (id: string) => ['committees', 'minutes', id] as const,
};

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export function useCommittees() {
  return useQuery({ queryKey: committeeKeys.list, queryFn: () => api.get<{ items: Committee[] }>('/committees') });
}

export function useCommittee(id: string) {
  return useQuery({ queryKey: committeeKeys.one(id), queryFn: () => api.get<Committee>(`/committees/${path(id)}`) });
}

export function useMeetings(committeeId: string) {
  return useQuery({
    queryKey: committeeKeys.meetings(committeeId),
    queryFn: () => api.get<{ items: MeetingSummary[] }>(`/committees/${path(committeeId)}/meetings`),
  });
}

/**
 * The kinds of subject the agenda picker lists (issue 22): the server lists one kind at a time
 * (`?kind=`), each kind's briefs in the same shape; requests first, as before.
 */
export const AGENDA_SUBJECT_KINDS = ['request', 'compensation'] as const;

/** Subjects of `kind` this committee may put on an agenda (requests: complete, of a type naming it), oldest deadline first. */
export function useAwaitingStudy(committeeId: string, isEnabled: boolean, kind = 'request') {
  return useInfiniteQuery({
    queryKey: [...committeeKeys.awaiting(committeeId), kind],
    enabled: isEnabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: AwaitingRequest[]; nextCursor: string | null }>(
        `/committees/${path(committeeId)}/awaiting-study${queryString({ kind: kind === 'request' ? undefined : kind, limit: 20, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: committeeKeys.meeting(id), queryFn: () => api.get<Meeting>(`/meetings/${path(id)}`) });
}

export function useMinutes(id: string) {
  return useQuery({ queryKey: committeeKeys.minutes(id), queryFn: () => api.get<Minutes>(`/minutes/${path(id)}`) });
}

/** The printable minutes (server-rendered Arabic HTML with a print stylesheet). */
export function minutesPrintUrl(id: string): string {
  return `/api/v1/minutes/${path(id)}/print`;
}
