import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../ui/notify.js';
import { AuthLayout } from './auth-layout.js';
import { useSessionEvents } from './session.js';
import { SignOutLink } from './sign-out-link.js';
import { TotpEnrolment } from './totp-enrolment.js';

/** Stage `mfa-enroll`: the person's roles require an authenticator app and they have none yet. */
export function EnrolmentPage() {
  const { t } = useTranslation();
  const { accept } = useSessionEvents();
  return (
    <AuthLayout title={t('auth.enrolment.title')} width={520}>
      <Text>{t('auth.enrolment.body')}</Text>
      <TotpEnrolment
        onEnrolled={(session) => {
          notifySuccess(t('auth.enrolment.done'));
          accept(session);
        }}
      />
      <SignOutLink />
    </AuthLayout>
  );
}
