import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { formOptions } from '../../contracts/complaints.js';
import type { AnswersCell, AnswersQuery, QuestionnaireVersions, SurveyAnswers } from '../../contracts/survey-answers.js';
import type { Questionnaire, SurveySettings } from '../../contracts/surveys.js';
import { api } from '../api/client.js';

/** The surveys screens' server calls (issue 24 §1, §2, §5): questionnaires, versions, settings, answers. */
export const surveyKeys = {
  questionnaires: ['surveys', 'questionnaires'] as const,
  versions: (id: string) => ['surveys', 'questionnaires', id, 'versions'] as const,
  settings: ['settings', 'surveys'] as const,
  answers: (query: Partial<AnswersQuery>) => ['surveys', 'answers', query] as const,
};

export function useQuestionnaires() {
  return useQuery({
    queryKey: surveyKeys.questionnaires,
    queryFn: async () => (await api.get<{ items: Questionnaire[] }>('/surveys/questionnaires')).items,
  });
}

export function useVersions(id: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.versions(id ?? ''),
    enabled: Boolean(id),
    queryFn: async () => (await api.get<QuestionnaireVersions>(`/surveys/questionnaires/${id}/versions`)).items,
  });
}

export function useSurveySettings() {
  return useQuery({ queryKey: surveyKeys.settings, queryFn: () => api.get<SurveySettings>('/settings/surveys') });
}

/** Complaint and inquiry topics, the complaint triggers' "off" choices. */
export function useTopics() {
  return useQuery({
    queryKey: ['complaints', 'form-options'],
    queryFn: () => api.get<z.infer<typeof formOptions>>('/public/form-options'),
    staleTime: 300_000,
  });
}

export function useSurveyAnswers(query: Partial<AnswersQuery>) {
  return useQuery({
    queryKey: surveyKeys.answers(query),
    queryFn: () => api.get<SurveyAnswers>(`/surveys/answers${cellQuery(query)}`),
  });
}

export function exportAnswers(format: 'xlsx' | 'csv', cell: AnswersCell): Promise<string> {
  return api.download('/surveys/answers/export', { ...cell, format }, `survey-answers.${format}`);
}

/** A cell as a query string; an empty breakdown key ("not set") is kept, unlike `queryString`. */
export function cellQuery(cell: Partial<AnswersQuery>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(cell))
    if (value !== undefined && (value !== '' || name === 'key')) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The answers page's address for one figure (the results page links every figure there). */
export function answersPath(cell: AnswersCell): string {
  return `/surveys/answers${cellQuery(cell)}`;
}
