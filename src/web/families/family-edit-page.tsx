import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { updateFamilyBody } from '../../contracts/families.js';
import { api } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { type Family, familyKeys, useFamily } from './families-api.js';
import {
  DuplicateAlert,
  FamilyFormFields,
  type FamilyFormValues,
  familyErrors,
  familyLabelOf,
  formOfFamily,
  toUpdateBody,
  useFamilyProblem,
} from './family-form.js';
import { FAMILIES_NS } from './i18n.js';

export function FamilyEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const family = useFamily(id);
  if (family.isPending) return <PageLoader />;
  if (family.isError) return <LoadFailure message={errorMessage(tc, family.error)} />;
  if (!family.data.abilities.edit) return <NotAllowed />;
  return (
    <Page title={t('editTitle')}>
      <EditForm family={family.data} key={family.data.version} />
    </Page>
  );
}

function EditForm({ family }: { family: Family }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<FamilyFormValues>({
    initialValues: formOfFamily(family),
    validate: (values) => {
      const errors = familyErrors(tc, updateFamilyBody, toUpdateBody(values, family), familyLabelOf(t));
      if (values.agreedChannel !== family.agreedChannel && !values.channelConsentNote.trim()) {
        errors.channelConsentNote = tc('errors.channel.consent-required');
      }
      return errors;
    },
  });
  const problem = useFamilyProblem(form);
  const save = useMutation({
    mutationFn: (values: FamilyFormValues) => api.patch<Family>(`/families/${encodeURIComponent(family.id)}`, toUpdateBody(values, family)),
    onSuccess: (saved) => {
      queryClient.setQueryData(familyKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['families', 'list'] });
      notifySuccess(t('saved'));
      void navigate(`/families/${saved.id}`);
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
          <FamilyFormFields form={form} isNew={false} original={family} />
          <ProblemAlert message={problem.message} />
          <DuplicateAlert duplicate={problem.duplicate} />
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to={`/families/${family.id}`} variant="default">
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
