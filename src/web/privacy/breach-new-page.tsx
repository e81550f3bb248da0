import { Button, NumberInput, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { PRIVACY_NS } from './i18n.js';
import type { BreachDetail } from './privacy-api.js';

/** The `datetime-local` value of now, in the browser's time zone (the officer's, Riyadh). */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Issue 25 §8 (F2): a breach recorded — when the association became aware (perhaps before now), what data, how many people, containment. */
export function BreachNewPage() {
  const { t } = useTranslation(PRIVACY_NS);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { awareAt: localNow(), description: '', dataCategories: '', peopleCount: 1 as number | string, containment: '' },
  });
  const problem = useFormProblem(form);
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<BreachDetail>('/privacy/breaches', {
        awareAt: new Date(v.awareAt).toISOString(),
        description: v.description.trim(),
        dataCategories: v.dataCategories.trim(),
        peopleCount: Number(v.peopleCount) || 0,
        ...(v.containment.trim() ? { containment: v.containment.trim() } : {}),
      }),
    onSuccess: (created) => {
      notifySuccess(t('breaches.created', { reference: created.reference }));
      void navigate(`/privacy/breaches/${created.id}`);
    },
    onError: problem.handle,
  });
  if (!hasRole(me.roles, 'privacy-officer')) return <NotAllowed />;
  return (
    <Page title={t('breaches.new')}>
      <Paper withBorder radius="md" p="md" maw={680}>
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Stack gap="sm">
            <ProblemAlert message={problem.message} onClose={problem.clear} />
            <TextInput
              type="datetime-local"
              label={t('breaches.awareAt')}
              description={t('breaches.awareHint')}
              required
              {...form.getInputProps('awareAt')}
            />
            <Textarea
              label={t('breaches.description')}
              autosize
              minRows={3}
              maxLength={4000}
              required
              {...form.getInputProps('description')}
            />
            <TextInput label={t('breaches.dataCategories')} maxLength={500} required {...form.getInputProps('dataCategories')} />
            <NumberInput label={t('breaches.peopleCount')} min={0} maw={200} required {...form.getInputProps('peopleCount')} />
            <Textarea label={t('breaches.containment')} autosize minRows={2} maxLength={4000} {...form.getInputProps('containment')} />
            <Button type="submit" loading={create.isPending} w="fit-content">
              {t('breaches.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
