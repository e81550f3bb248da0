import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  answerTemplateList,
  CaseDetail,
  CaseSummary,
  caseList,
  formOptions,
  InquiryCounts,
  InquiryListQuery,
  OfficerRoster,
} from '../../contracts/complaints.js';
import { api, queryString } from '../api/client.js';
import { useLanguage } from '../ui/language.js';

export type { CaseDetail, CaseSummary, InquiryCounts, OfficerRoster };
export type CaseList = z.infer<typeof caseList>;
export type AnswerTemplate = z.infer<typeof answerTemplateList>[number];
export type FormOptions = z.infer<typeof formOptions>;
export type InquiryFilters = Omit<InquiryListQuery, 'cursor' | 'limit'>;

export const inquiryKeys = {
  all: ['inquiries'] as const,
  list: (filters: InquiryFilters) => ['inquiries', 'list', filters] as const,
  counts: ['inquiries', 'counts'] as const,
  one: (id: string) => ['inquiries', 'one', id] as const,
  templates: ['inquiries', 'answer-templates'] as const,
  roster: ['officer-roster'] as const,
  options: ['complaints', 'form-options'] as const,
};

const PAGE_SIZE = 25;

/** A worklist sorted by the clock's deadline on the server, 25 at a time ("more" follows the cursor). */
export function useInquiryList(filters: InquiryFilters) {
  return useInfiniteQuery({
    queryKey: inquiryKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<CaseList>(`/inquiries${queryString({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Open inquiries per worklist tab, scoped as the lists are (null: a list the caller does not open). */
export function useInquiryCounts() {
  return useQuery({ queryKey: inquiryKeys.counts, queryFn: () => api.get<InquiryCounts>('/inquiries/counts') });
}

export function useInquiry(id: string) {
  return useQuery({ queryKey: inquiryKeys.one(id), queryFn: () => api.get<CaseDetail>(`/inquiries/${encodeURIComponent(id)}`) });
}

export function useAnswerTemplates(isEnabled: boolean) {
  return useQuery({
    queryKey: inquiryKeys.templates,
    enabled: isEnabled,
    queryFn: () => api.get<AnswerTemplate[]>('/inquiries/answer-templates'),
  });
}

/** Active contact officers with today's absence (administrators, management, contact officers). */
export function useOfficerRoster(isEnabled = true) {
  return useQuery({ queryKey: inquiryKeys.roster, enabled: isEnabled, queryFn: () => api.get<OfficerRoster>('/officer-absences') });
}

/** Topic and domain names in the interface's language, from the public form's options. */
export function useCaseLabels() {
  const { language } = useLanguage();
  const options = useQuery({
    queryKey: inquiryKeys.options,
    queryFn: () => api.get<FormOptions>('/public/form-options'),
    staleTime: 60_000,
  });
  const name = (item: { nameAr: string; nameEn: string } | undefined) =>
    item ? (language === 'ar' ? item.nameAr : item.nameEn) : undefined;
  return {
    topic: (code: string) => name(options.data?.topics.find((t) => t.code === code)) ?? code,
    domain: (code: string | null) => (code === null ? null : (name(options.data?.domains.find((d) => d.code === code)) ?? code)),
  };
}

/** Placeholders an approved answer may carry, filled before the officer reads and sends it. */
export function fillTemplate(body: string, values: { reference: string; name: string | null; officer: string }): string {
  return body
    .replaceAll('{{reference}}', values.reference)
    .replaceAll('{{name}}', values.name ?? '')
    .replaceAll('{{officer}}', values.officer)
    .replace(/ {2,}/g, ' ');
}
