import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type SessionResponse, signInBody } from '../../contracts/auth.js';
import { api } from '../api/client.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { AuthLayout } from './auth-layout.js';
import { useSessionEvents } from './session.js';

interface SignInValues {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { accept, notice } = useSessionEvents();
  const form = useForm<SignInValues>({
    initialValues: { username: '', password: '' },
    validate: (values) => schemaErrors(t, signInBody, values),
  });
  const problem = useFormProblem(form);
  const signIn = useMutation({
    mutationFn: (values: SignInValues) => api.post<SessionResponse>('/auth/sign-in', values),
    onSuccess: accept,
    onError: problem.handle,
  });

  return (
    <AuthLayout title={t('auth.signIn.title')}>
      {notice === 'session-expired' && (
        <Alert color="yellow" variant="light">
          {t('auth.signIn.sessionEnded')}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          signIn.mutate(values);
        })}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <TextInput
            label={t('auth.signIn.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            required
            data-autofocus
            {...form.getInputProps('username')}
          />
          <PasswordInput label={t('auth.signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" size="md" loading={signIn.isPending}>
            {t('auth.signIn.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        {t('auth.signIn.help')}
      </Text>
    </AuthLayout>
  );
}
