import { useQuery } from '@tanstack/react-query';
import type { PrivacyNotice } from '../../contracts/settings.js';
import { api } from '../api/client.js';

/**
 * The registration notice's current version (issue 20 §4, F2): the registration form shows its text
 * and sends its version, as does the sheet import; administrators change it in Settings.
 */
export function useRegistrationNotice(): PrivacyNotice | undefined {
  const notices = useQuery({
    queryKey: ['settings', 'privacy-notices', 'registration'],
    queryFn: () => api.get<PrivacyNotice[]>('/settings/privacy-notices/registration'),
    staleTime: 60_000,
  });
  return notices.data?.find((n) => n.isCurrent);
}
