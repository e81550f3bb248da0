import { useQuery } from '@tanstack/react-query';
import type { RequestType } from '../../contracts/requests.js';
import { api } from '../api/client.js';

/**
 * The active request types with their criteria and checklist (any staff member may read them): the
 * requests' intake and the bulk sends' audience (by request type) both choose from them, so the
 * query lives here rather than in either area.
 */
export const activeRequestTypesKey = ['request-types', 'active'] as const;

export function useActiveRequestTypes() {
  return useQuery({
    queryKey: activeRequestTypesKey,
    queryFn: async () => (await api.get<{ items: RequestType[] }>('/request-types')).items,
    staleTime: 60_000,
  });
}
