import { useQuery } from '@tanstack/react-query';
import type { ContactOfficer } from '../../contracts/complaints.js';
import { api } from '../api/client.js';

export const registerKey = ['contact-officers'] as const;

/** The register's entries, active and switched off (administrators and management). */
export function useRegister() {
  return useQuery({ queryKey: registerKey, queryFn: () => api.get<{ items: ContactOfficer[] }>('/contact-officers') });
}
