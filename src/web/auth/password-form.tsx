import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordBody, type SessionResponse } from '../../contracts/auth.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password-policy.js';
import { api } from '../api/client.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { PasswordRules } from './password-rules.js';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Changing one's password (first sign-in and the account page). Length and the confirmation are
 * checked here; whether the password is common or the username is the server's to say.
 */
export function PasswordForm({ currentLabel, onChanged }: { currentLabel: string; onChanged(session: SessionResponse): void }) {
  const { t } = useTranslation();
  const rulesId = useId();
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: (values) => {
      const errors = schemaErrors(t, changePasswordBody, { currentPassword: values.currentPassword, newPassword: values.newPassword });
      const length = [...values.newPassword].length;
      if (!errors.newPassword && length < PASSWORD_MIN_LENGTH) errors.newPassword = t('errors.password.too-short');
      if (!errors.newPassword && length > PASSWORD_MAX_LENGTH) errors.newPassword = t('errors.password.too-long');
      if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t('auth.password.mismatch');
      return errors;
    },
  });
  const problem = useFormProblem(form);
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordValues) =>
      api.post<SessionResponse>('/auth/password', { currentPassword, newPassword }),
    onSuccess: (session) => {
      form.reset();
      onChanged(session);
    },
    onError: problem.handle,
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        problem.clear();
        change.mutate(values);
      })}
    >
      <Stack gap="md">
        <ProblemAlert message={problem.message} />
        <PasswordInput label={currentLabel} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <PasswordRules id={rulesId} />
        <PasswordInput
          label={t('auth.password.new')}
          autoComplete="new-password"
          required
          aria-describedby={rulesId}
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('auth.password.confirm')} autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
        <Button type="submit" size="md" loading={change.isPending}>
          {t('auth.password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
