import { Button, Paper, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { type DocumentDetail, useKinds } from './documents-api.js';
import { DOCUMENTS_NS } from './i18n.js';

/** A new document (issue 26 §1): kind, public address, titles and who reads it; its versions come next. */
export function DocumentNewPage() {
  const { t } = useTranslation(DOCUMENTS_NS);
  const { language } = useLanguage();
  const navigate = useNavigate();
  const kinds = useKinds();
  const form = useForm({ initialValues: { kind: '', slug: '', titleAr: '', titleEn: '', visibility: 'public' } });
  const problem = useFormProblem(form, { codeFields: { 'document.slug-taken': 'slug', 'document.kind-unknown': 'kind' } });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => api.post<DocumentDetail>('/documents', values),
    onSuccess: (doc) => {
      notifySuccess(t('form.created'));
      void navigate(`/documents/${doc.id}`);
    },
    onError: problem.handle,
  });
  const options = (kinds.data?.items ?? [])
    .filter((k) => k.isActive)
    .map((k) => ({ value: k.code, label: language === 'ar' ? k.nameAr : k.nameEn }));
  return (
    <Page title={t('list.new')}>
      <Paper withBorder radius="md" p="md" maw={640}>
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Stack gap="sm">
            <ProblemAlert message={problem.message} onClose={problem.clear} />
            <Select label={t('form.kind')} data={options} required {...form.getInputProps('kind')} />
            <TextInput label={t('form.titleAr')} required maxLength={200} {...form.getInputProps('titleAr')} />
            <TextInput label={t('form.titleEn')} required maxLength={200} dir="ltr" {...form.getInputProps('titleEn')} />
            <TextInput
              label={t('form.slug')}
              description={t('form.slugHint')}
              required
              maxLength={60}
              dir="ltr"
              {...form.getInputProps('slug')}
            />
            <Radio.Group label={t('form.visibility')} {...form.getInputProps('visibility')}>
              <Stack gap={6} mt={6}>
                <Radio value="public" label={t('visibility.public')} />
                <Radio value="staff" label={t('visibility.staff')} />
              </Stack>
            </Radio.Group>
            <Button type="submit" loading={create.isPending} w="fit-content">
              {t('form.create')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
