import { Button, Checkbox, FileInput, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { type DocumentDetail, type DocumentVersion, documentPath, useDocumentWrite } from './documents-api.js';
import { DOCUMENTS_NS } from './i18n.js';

/** A draft version's fields and its PDFs (issue 26 §1): saved as a draft until it is published. */
export function DraftForm({ doc, version }: { doc: DocumentDetail; version: DocumentVersion }) {
  const { t } = useTranslation(DOCUMENTS_NS);
  const { t: tc } = useTranslation();
  const base = documentPath(doc.id, `/versions/${version.id}`);
  const form = useForm({
    initialValues: {
      bodyAr: version.bodyAr ?? '',
      bodyEn: version.bodyEn ?? '',
      isEnglishSummary: version.isEnglishSummary,
      effectiveOn: version.effectiveOn ?? '',
      approvedBy: version.approvedBy ?? '',
      approvedOn: version.approvedOn ?? '',
      changeSummaryAr: version.changeSummaryAr ?? '',
      changeSummaryEn: version.changeSummaryEn ?? '',
    },
  });
  const problem = useFormProblem(form);
  // A new version of a long text (the policy, the bylaws) is usually the last one with a few changes:
  // the editor starts from the text in force and edits it, rather than pasting it again (issue 26 §1, B2).
  const source = doc.versions.find((v) => v.isInForce && v.id !== version.id && (v.bodyAr || v.bodyEn));
  const save = useDocumentWrite(doc.id, (values: typeof form.values) =>
    api.patch<DocumentDetail>(base, {
      ...values,
      effectiveOn: values.effectiveOn.trim() || null,
      approvedOn: values.approvedOn.trim() || null,
      approvedBy: values.approvedBy.trim() || null,
    }),
  );
  const [files, setFiles] = useState<Record<'ar' | 'en', File | null>>({ ar: null, en: null });
  const upload = useDocumentWrite(doc.id, ({ lang, file }: { lang: 'ar' | 'en'; file: File }) => {
    const body = new FormData();
    body.set('file', file);
    return api.upload<DocumentDetail>(`${base}/files/${lang}`, body);
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        save.mutate(values, { onSuccess: () => notifySuccess(t('version.saved')), onError: problem.handle }),
      )}
      noValidate
    >
      <Stack gap="sm">
        <ProblemAlert message={problem.message} onClose={problem.clear} />
        <Textarea
          label={t('version.bodyAr')}
          description={t('version.bodyHint')}
          autosize
          minRows={4}
          maxRows={16}
          {...form.getInputProps('bodyAr')}
        />
        {source && !form.values.bodyAr && !form.values.bodyEn && (
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            onClick={() =>
              form.setValues({ bodyAr: source.bodyAr ?? '', bodyEn: source.bodyEn ?? '', isEnglishSummary: source.isEnglishSummary })
            }
          >
            {t('version.startFrom', { n: source.number })}
          </Button>
        )}
        <Textarea label={t('version.bodyEn')} dir="ltr" autosize minRows={2} maxRows={12} {...form.getInputProps('bodyEn')} />
        <Checkbox label={t('version.isEnglishSummary')} {...form.getInputProps('isEnglishSummary', { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('version.effectiveOn')}
            placeholder={t('version.dayPlaceholder')}
            dir="ltr"
            maxLength={10}
            {...form.getInputProps('effectiveOn')}
          />
          <TextInput label={t('version.approvedBy')} maxLength={200} {...form.getInputProps('approvedBy')} />
          <TextInput
            label={t('version.approvedOn')}
            placeholder={t('version.dayPlaceholder')}
            dir="ltr"
            maxLength={10}
            {...form.getInputProps('approvedOn')}
          />
        </SimpleGrid>
        <Textarea label={t('version.changeSummaryAr')} autosize minRows={1} maxLength={2000} {...form.getInputProps('changeSummaryAr')} />
        <Textarea
          label={t('version.changeSummaryEn')}
          dir="ltr"
          autosize
          minRows={1}
          maxLength={2000}
          {...form.getInputProps('changeSummaryEn')}
        />
        <Button type="submit" variant="light" loading={save.isPending} w="fit-content">
          {t('version.save')}
        </Button>
        {(['ar', 'en'] as const).map((lang) => (
          <Group key={lang} align="flex-end">
            <FileInput
              label={t(lang === 'ar' ? 'version.fileAr' : 'version.fileEn')}
              accept="application/pdf"
              value={files[lang]}
              onChange={(file) => setFiles({ ...files, [lang]: file })}
              clearable
              clearButtonProps={{ 'aria-label': t('version.clearFile') }}
              miw={240}
            />
            <Button
              variant="default"
              disabled={!files[lang]}
              loading={upload.isPending && upload.variables?.lang === lang}
              onClick={() => {
                const file = files[lang];
                if (file)
                  upload.mutate(
                    { lang, file },
                    { onSuccess: () => notifySuccess(t('version.uploaded')), onError: (error) => notifyError(errorMessage(tc, error)) },
                  );
              }}
            >
              {t('version.upload')}
            </Button>
          </Group>
        ))}
      </Stack>
    </form>
  );
}
