import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Committee } from '../../contracts/committees.js';
import type { CaseDetail, CaseSummary, ComplaintCounts, ComplaintStepBody, IntakeBody, StaffLookup } from '../../contracts/complaints.js';
import { CHANNEL_CLAUSE } from '../../domain/channels.js';
import { api, queryString } from '../api/client.js';
import type { ComplaintFilters } from './worklist-filters.js';

export type { CaseDetail, CaseSummary, ComplaintCounts, ComplaintFilters, ComplaintStepBody, IntakeBody };

export interface FormOptions {
  topics: { code: string; kind: 'complaint' | 'inquiry'; nameAr: string; nameEn: string }[];
  domains: { code: string; nameAr: string; nameEn: string }[];
  attachments: { maxCount: number; maxBytes: number; mediaTypes: string[] };
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filters: ComplaintFilters) => ['complaints', 'list', filters] as const,
  counts: ['complaints', 'counts'] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
  options: ['complaints', 'form-options'] as const,
  followUp: ['complaints', 'follow-up-committee'] as const,
  staffLookup: (q: string) => ['complaints', 'staff-lookup', q] as const,
};

const PAGE_SIZE = 25;
const segment = encodeURIComponent;

/** One worklist, sorted by the clock's deadline on the server, 25 at a time ("more" follows the cursor). */
export function useComplaintList(filters: ComplaintFilters) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: CaseSummary[]; nextCursor: string | null }>(
        `/complaints${queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useComplaintCounts() {
  return useQuery({ queryKey: complaintKeys.counts, queryFn: () => api.get<ComplaintCounts>('/complaints/counts') });
}

export function useComplaint(id: string) {
  return useQuery({ queryKey: complaintKeys.one(id), queryFn: () => api.get<CaseDetail>(`/complaints/${segment(id)}`), retry: false });
}

/** Topics and domains as the administrator set them (the public form's own list). */
export function useFormOptions() {
  return useQuery({ queryKey: complaintKeys.options, queryFn: () => api.get<FormOptions>('/public/form-options'), staleTime: 300_000 });
}

/** The follow-up committee (E1) and its members: whom a complaint may be assigned to. */
export function useFollowUpCommittee(isEnabled: boolean) {
  return useQuery({
    queryKey: complaintKeys.followUp,
    enabled: isEnabled,
    queryFn: async () => (await api.get<{ items: Committee[] }>('/committees')).items.find((c) => c.purpose === 'follow-up') ?? null,
    staleTime: 60_000,
  });
}

/** Active staff whose name contains `q` (the server searches; 20 at most): the concerned-staff picker (§5, §6). */
export function useStaffLookup(q: string, isEnabled: boolean) {
  return useQuery({
    queryKey: complaintKeys.staffLookup(q),
    enabled: isEnabled,
    queryFn: () => api.get<StaffLookup>(`/complaints/staff-lookup${queryString({ q: q || undefined, limit: 20 })}`),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function postStep(id: string, body: ComplaintStepBody) {
  return api.post<CaseDetail>(`/complaints/${segment(id)}/steps`, body);
}

export function caseFileUrl(kind: 'complaint' | 'inquiry', id: string, fileId: string): string {
  return `/api/v1/${kind === 'complaint' ? 'complaints' : 'inquiries'}/${segment(id)}/files/${segment(fileId)}`;
}

/** The 16-character tracking code in groups of four, as the writer reads it. */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A1–A6 as staff know them: the policy's code for each channel (A5: website and e-mail; issue 27 §3). */
export const CHANNEL_CODES = CHANNEL_CLAUSE;
