import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createFamilyBody } from '../../contracts/families.js';
import { api } from '../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { type Family, familyKeys } from './families-api.js';
import {
  DuplicateAlert,
  emptyFamilyForm,
  FamilyFormFields,
  type FamilyFormValues,
  familyErrors,
  familyLabelOf,
  toCreateBody,
  useFamilyProblem,
} from './family-form.js';
import { FAMILIES_NS } from './i18n.js';

export function FamilyCreatePage() {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<FamilyFormValues>({
    initialValues: emptyFamilyForm,
    validate: (values) => familyErrors(tc, createFamilyBody, toCreateBody(values), familyLabelOf(t)),
  });
  const problem = useFamilyProblem(form);
  const create = useMutation({
    mutationFn: (values: FamilyFormValues) => api.post<Family>('/families', toCreateBody(values)),
    onSuccess: (family) => {
      void queryClient.invalidateQueries({ queryKey: familyKeys.all });
      notifySuccess(t('created', { name: family.headNameAr }));
      void navigate(`/families/${family.id}`);
    },
    onError: problem.handle,
  });

  if (!me.can.registerFamily) return <NotAllowed />;

  return (
    <Page title={t('newTitle')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            problem.clear();
            create.mutate(values);
          })}
        >
          <Stack gap="lg">
            <FamilyFormFields form={form} isNew />
            <ProblemAlert message={problem.message} />
            <DuplicateAlert duplicate={problem.duplicate} />
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/families" variant="default">
                {t('cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
