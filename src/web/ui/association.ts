import { useQuery } from '@tanstack/react-query';
import type { AssociationSettings } from '../../contracts/settings.js';
import { api } from '../api/client.js';

export const associationKey = ['association'] as const;

/** The association's public details: the header's name, the theme colour, the digit style. */
export function useAssociation() {
  return useQuery({
    queryKey: associationKey,
    queryFn: () => api.get<AssociationSettings>('/public/association'),
    staleTime: 5 * 60_000,
  });
}
