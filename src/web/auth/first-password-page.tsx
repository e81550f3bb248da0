import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../ui/notify.js';
import { AuthLayout } from './auth-layout.js';
import { PasswordForm } from './password-form.js';
import { useSessionEvents } from './session.js';
import { SignOutLink } from './sign-out-link.js';

/** Stage `password-change`: the one-time password an administrator issued is replaced. */
export function FirstPasswordPage() {
  const { t } = useTranslation();
  const { accept } = useSessionEvents();
  return (
    <AuthLayout title={t('auth.firstPassword.title')}>
      <Text>{t('auth.firstPassword.body')}</Text>
      <PasswordForm
        currentLabel={t('auth.firstPassword.current')}
        onChanged={(session) => {
          notifySuccess(t('auth.password.changed'));
          accept(session);
        }}
      />
      <SignOutLink />
    </AuthLayout>
  );
}
