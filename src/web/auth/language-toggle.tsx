import { Button, type ButtonProps } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionResponse } from '../../contracts/auth.js';
import type { Language } from '../../domain/dates.js';
import { api } from '../api/client.js';
import { startLanguageSource } from '../i18n/i18n.js';
import { useLanguage } from '../ui/language.js';
import { notifyError } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { sessionKey, useSession } from './session.js';

/**
 * A choice made before signing in (the switch on the sign-in screen, or the public home's) is
 * kept for the person who then signs in, instead of their saved one.
 */
let isChosenWhileSignedOut = startLanguageSource === 'public-home';

function savePreference(language: Language) {
  return api.put('/me/preferences', { language });
}

/** Switches between Arabic and English; a signed-in person's choice is remembered on the server. */
export function LanguageToggle(props: ButtonProps) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const session = useSession().data;
  const queryClient = useQueryClient();
  const next: Language = language === 'ar' ? 'en' : 'ar';

  const onClick = () => {
    setLanguage(next);
    if (!session) {
      isChosenWhileSignedOut = true;
      return;
    }
    savePreference(next)
      .then(() => {
        queryClient.setQueryData<SessionResponse | null>(sessionKey, (current) =>
          current ? { ...current, user: { ...current.user, language: next } } : current,
        );
      })
      .catch((error: unknown) => notifyError(errorMessage(t, error)));
  };

  return (
    <Button
      variant="subtle"
      size="compact-md"
      leftSection={<IconLanguage size={18} aria-hidden />}
      lang={next}
      onClick={onClick}
      {...props}
    >
      {t('language.other')}
    </Button>
  );
}

/** When someone signs in, the interface takes the language they chose last time (or keeps the one just picked). */
export function useLanguageOfSession(): void {
  const session = useSession().data;
  const { language, setLanguage } = useLanguage();
  const userId = session?.user.id;
  const languageRef = useRef(language);
  languageRef.current = language;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per signed-in person, not per language change
  useEffect(() => {
    if (!session) return;
    if (isChosenWhileSignedOut) {
      isChosenWhileSignedOut = false;
      if (session.user.language !== languageRef.current) void savePreference(languageRef.current).catch(() => {});
      return;
    }
    if (session.user.language !== languageRef.current) setLanguage(session.user.language);
  }, [userId]);
}
