import { Anchor, Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type StaffUser, type UpdateStaffBody, updateStaffBody } from '../../contracts/staff.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { UserAccountActions } from './user-account-actions.js';
import { UserFormFields, type UserFormValues } from './user-form-fields.js';
import { staffKeys, useStaffUser } from './users-api.js';

function toUpdateBody(values: UserFormValues): UpdateStaffBody {
  const email = values.email.trim();
  return {
    displayName: values.displayName,
    email: email ? email : null,
    roles: values.roles,
    scope: values.scope,
    ...(values.departmentId ? { departmentId: values.departmentId } : {}),
  };
}

function formValuesOf(user: StaffUser): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? '',
    roles: user.roles,
    scope: { categories: [...user.scope.categories], domains: [...user.scope.domains], offices: [...user.scope.offices] },
    departmentId: user.departmentId ?? '',
  };
}

function EditForm({ user, canManage }: { user: StaffUser; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<UserFormValues>({
    initialValues: formValuesOf(user),
    validate: (values) => schemaErrors(t, updateStaffBody, toUpdateBody(values)),
  });
  const problem = useFormProblem(form);
  const save = useMutation({
    mutationFn: (values: UserFormValues) => api.patch<StaffUser>(`/staff/users/${user.id}`, toUpdateBody(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'list'] });
      form.setInitialValues(formValuesOf(saved));
      form.resetDirty(formValuesOf(saved));
      notifySuccess(t('users.updated', { name: saved.displayName }));
    },
    onError: problem.handle,
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          save.mutate(values);
        })}
      >
        <Stack gap="lg">
          <ProblemAlert message={problem.message} />
          <UserFormFields form={form} isNew={false} isReadOnly={!canManage} />
          {canManage && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('users.saveChanges')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const user = useStaffUser(id);

  if (!hasRole(me.roles, 'administrator', 'hr')) return <NotAllowed />;
  const canEdit = user.data?.abilities.edit ?? false;
  const title = canEdit ? t('users.editTitle') : t('users.viewTitle');
  const back = (
    <Anchor component={Link} to="/users" size="sm">
      {t('users.backToList')}
    </Anchor>
  );

  return (
    <Page title={title} actions={back}>
      {user.isPending && <PageLoader />}
      {user.isError && <LoadFailure message={errorMessage(t, user.error)} />}
      {user.data && (
        <Stack gap="lg">
          <UserAccountActions user={user.data} />
          <EditForm key={user.data.id} user={user.data} canManage={user.data.abilities.edit} />
        </Stack>
      )}
    </Page>
  );
}
