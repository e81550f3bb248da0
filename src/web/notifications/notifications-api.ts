import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CallOutcomeBody,
  MessageStatus,
  NotificationSettings,
  OutboxItem,
  OutboxMessage,
  outboxList,
  Template,
  templateCatalog,
  UpdateTemplateBody,
} from '../../contracts/notifications.js';
import { api, queryString, request } from '../api/client.js';

export type OutboxList = z.infer<typeof outboxList>;
export type TemplateCatalog = z.infer<typeof templateCatalog>;
export type { MessageStatus, OutboxItem, OutboxMessage, Template };

export interface OutboxFilters {
  status?: string;
  channel?: string;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  outbox: (filters: OutboxFilters) => ['notifications', 'outbox', filters] as const,
  tasks: (channel: string | undefined) => ['notifications', 'tasks', channel ?? 'all'] as const,
  message: (id: string) => ['notifications', 'message', id] as const,
  templates: ['notifications', 'templates'] as const,
  settings: ['notifications', 'settings'] as const,
};

const PAGE = 25;

/** The outbox, newest first, a page at a time (the API is cursor-paged). */
export function useOutbox(filters: OutboxFilters) {
  return useInfiniteQuery({
    queryKey: notificationKeys.outbox(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<OutboxList>(`/notifications/outbox${queryString({ ...filters, cursor: pageParam, limit: PAGE })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Letters, faxes and calls waiting for staff, oldest first. */
export function useTasks(channel: string | undefined) {
  return useInfiniteQuery({
    queryKey: notificationKeys.tasks(channel),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Omit<OutboxList, 'transports'>>(`/notifications/tasks${queryString({ channel, cursor: pageParam, limit: PAGE })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One message with its text and attempts (each opening is audited on the server). */
export function useMessage(id: string | null) {
  return useQuery({
    queryKey: notificationKeys.message(id ?? ''),
    enabled: id !== null,
    queryFn: () => api.get<OutboxMessage>(`/notifications/outbox/${encodeURIComponent(id as string)}`),
    gcTime: 0,
  });
}

function useMessagesChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

type MessageAction = { id: string } & (
  | { action: 'retry' }
  | { action: 'cancel' }
  | { action: 'sent'; note?: string }
  | ({ action: 'call' } & CallOutcomeBody)
);

export function useMessageAction() {
  const changed = useMessagesChanged();
  return useMutation({
    mutationFn: ({ id, action, ...body }: MessageAction) => {
      const path = `/notifications/outbox/${encodeURIComponent(id)}/${action}`;
      return action === 'retry' || action === 'cancel' ? api.post<OutboxMessage>(path) : api.post<OutboxMessage>(path, body);
    },
    onSuccess: changed,
  });
}

/** The printable letter: HTML for a new tab (the session cookie goes with it). */
export function letterUrl(id: string): string {
  return `/api/v1/notifications/outbox/${encodeURIComponent(id)}/letter`;
}

export function useTemplateCatalog() {
  return useQuery({ queryKey: notificationKeys.templates, queryFn: () => api.get<TemplateCatalog>('/notifications/templates') });
}

const templatePath = (t: Pick<Template, 'event' | 'channel' | 'language'>) =>
  `/notifications/templates/${encodeURIComponent(t.event)}/${encodeURIComponent(t.channel)}/${t.language}`;

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ template, body }: { template: Template; body: UpdateTemplateBody }) => api.put<Template>(templatePath(template), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.templates }),
  });
}

export function useResetTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (template: Template) => request<Template>('DELETE', templatePath(template)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.templates }),
  });
}

/** The outbox's settings: the SMS gateway's format and each transport's rate (issue 20 §1). */
export function useNotificationSettings() {
  return useQuery({ queryKey: notificationKeys.settings, queryFn: () => api.get<NotificationSettings>('/notifications/settings') });
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: NotificationSettings) => api.put<NotificationSettings>('/notifications/settings', settings),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.settings, saved),
  });
}
