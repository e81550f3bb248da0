import { Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type SessionResponse, totpCodeBody } from '../../contracts/auth.js';
import { api } from '../api/client.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { AuthLayout } from './auth-layout.js';
import { CodeInput } from './code-input.js';
import { useSessionEvents } from './session.js';
import { SignOutLink } from './sign-out-link.js';

/** Stage `mfa`: the code from the authenticator app the person already set up. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const { accept } = useSessionEvents();
  const form = useForm({ initialValues: { code: '' }, validate: (values) => schemaErrors(t, totpCodeBody, values) });
  const problem = useFormProblem(form);
  const verify = useMutation({
    mutationFn: (values: { code: string }) => api.post<SessionResponse>('/auth/totp/verify', values),
    onSuccess: accept,
    onError: (error) => {
      // Clear the used code first: changing a value also clears that field's error.
      form.setFieldValue('code', '');
      problem.handle(error);
    },
  });

  return (
    <AuthLayout title={t('auth.mfa.title')}>
      <Text>{t('auth.mfa.body')}</Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          verify.mutate(values);
        })}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <CodeInput
            label={t('auth.mfa.code')}
            required
            data-autofocus
            value={form.values.code}
            error={form.errors.code}
            onChange={(value) => form.setFieldValue('code', value)}
          />
          <Button type="submit" size="md" loading={verify.isPending}>
            {t('auth.mfa.submit')}
          </Button>
        </Stack>
      </form>
      <SignOutLink />
    </AuthLayout>
  );
}
