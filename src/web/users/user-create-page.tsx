import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CreateStaffBody, createStaffBody } from '../../contracts/staff.js';
import { useDepartments } from '../acknowledgements/acknowledgements-api.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { OneTimePasswordModal } from './one-time-password-modal.js';
import { emptyUserForm, UserFormFields, type UserFormValues } from './user-form-fields.js';
import { type StaffWithPassword, staffKeys } from './users-api.js';

const USERNAME_TAKEN = { 'staff.username-taken': 'username' };

function toCreateBody(values: UserFormValues): CreateStaffBody {
  const email = values.email.trim();
  return {
    username: values.username.trim().toLowerCase(),
    displayName: values.displayName,
    email: email ? email : null,
    roles: values.roles,
    scope: values.scope,
    departmentId: values.departmentId || null,
  };
}

export function UserCreatePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<StaffWithPassword | null>(null);
  const hasDepartments = (useDepartments().data?.items ?? []).some((d) => d.isActive);
  const form = useForm<UserFormValues>({
    initialValues: emptyUserForm,
    validate: (values) => ({
      ...schemaErrors(t, createStaffBody, toCreateBody(values)),
      // Issue 26 §4 (R2): once the association has departments, a new account names one.
      ...(hasDepartments && !values.departmentId ? { departmentId: t('errors.department.required') } : {}),
    }),
  });
  const problem = useFormProblem(form, { codeFields: USERNAME_TAKEN });
  const create = useMutation({
    mutationFn: (values: UserFormValues) => api.post<StaffWithPassword>('/staff/users', toCreateBody(values)),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
      notifySuccess(t('users.created', { name: result.user.displayName }));
      setIssued(result);
    },
    onError: problem.handle,
  });

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  return (
    <Page title={t('users.newTitle')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            problem.clear();
            create.mutate(values);
          })}
        >
          <Stack gap="lg">
            <ProblemAlert message={problem.message} />
            <UserFormFields form={form} isNew />
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/users" variant="default">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('users.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <OneTimePasswordModal
        issued={issued}
        onClose={() => {
          const id = issued?.user.id;
          setIssued(null);
          void navigate(id ? `/users/${id}` : '/users');
        }}
      />
    </Page>
  );
}
