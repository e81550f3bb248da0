import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AllSettings } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { associationKey } from '../ui/association.js';
import { taxonomiesKey } from '../users/users-api.js';

export const settingsKey = ['settings'] as const;

export function useAllSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<AllSettings>('/settings') });
}

/** After a change: the settings page, the shell (name, colour, digits) and the scope pickers reload. */
export function useSettingsChanged() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: settingsKey });
    void queryClient.invalidateQueries({ queryKey: associationKey });
    void queryClient.invalidateQueries({ queryKey: taxonomiesKey });
  }, [queryClient]);
}
