import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminHolidays, DeadlineAnswer, HolidayEditBody, HolidayEditRecord, WeekendResult } from '../../contracts/calendar.js';
import { api, queryString, request } from '../api/client.js';

export type { AdminHolidays, DeadlineAnswer, HolidayEditBody, HolidayEditRecord };

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'admin', year] as const,
  weekend: ['calendar', 'weekend'] as const,
  deadline: (from: string, workingDays: number) => ['calendar', 'deadline', from, workingDays] as const,
};

export function useAdminHolidays(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: () => api.get<AdminHolidays>(`/settings/holidays${queryString({ year })}`),
    placeholderData: keepPreviousData,
  });
}

export function useWeekend() {
  return useQuery({ queryKey: calendarKeys.weekend, queryFn: () => api.get<WeekendResult>('/settings/weekend') });
}

/** The public deadline endpoint: what anyone (and the portal) is told. */
export function useDeadline(from: string, workingDays: number, isEnabled: boolean) {
  return useQuery({
    queryKey: calendarKeys.deadline(from, workingDays),
    enabled: isEnabled,
    queryFn: () => api.get<DeadlineAnswer>(`/calendar/deadline${queryString({ from, workingDays })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Every calendar change: the year tables, the weekend and every deadline answer reload. */
function useCalendarChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: calendarKeys.all });
}

export function useEditHolidays() {
  const changed = useCalendarChanged();
  return useMutation({
    mutationFn: (body: HolidayEditBody) => api.post<{ edit: HolidayEditRecord; recomputedClocks: number }>('/settings/holidays', body),
    onSuccess: changed,
  });
}

export function useUndoHolidayEdit() {
  const changed = useCalendarChanged();
  return useMutation({
    mutationFn: (id: string) =>
      request<{ ok: true; recomputedClocks: number }>('DELETE', `/settings/holidays/edits/${encodeURIComponent(id)}`),
    onSuccess: changed,
  });
}

export function useSaveWeekend() {
  const changed = useCalendarChanged();
  return useMutation({
    mutationFn: (days: number[]) => api.put<WeekendResult>('/settings/weekend', { days }),
    onSuccess: changed,
  });
}
