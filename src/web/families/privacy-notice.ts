import { useQuery } from '@tanstack/react-query';
import type { PrivacyNotice } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';

// The server's refusal of a notice version that does not exist, in the forms that send one.
if (!i18n.exists('errors.privacyNotice.unknown-version')) {
  const errors = (text: string) => ({ errors: { privacyNotice: { 'unknown-version': text } } });
  i18n.addResourceBundle('ar', 'translation', errors('تغيّر إشعار الخصوصية؛ أعد تحميل الصفحة واقرأه على الأسرة من جديد.'), true, false);
  i18n.addResourceBundle(
    'en',
    'translation',
    errors('The privacy notice has changed; reload the page and read it to the family again.'),
    true,
    false,
  );
}

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
