import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Tabs, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Questionnaire } from '../../contracts/surveys.js';
import { SURVEY_PURPOSES } from '../../domain/survey.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { SURVEYS_NS } from './i18n.js';
import { QuestionCard } from './question-card.js';
import { blankQuestion, bodyOf, type EditorValues, placeProblem, validateEditor, valuesOf } from './questionnaire-form.js';
import { SurveyPreview } from './survey-preview.js';
import { surveyKeys, useQuestionnaires } from './surveys-api.js';

/**
 * Issue 24 §1 (H1): management builds a questionnaire — Arabic and English side by side, six kinds of
 * question, required or optional, skip logic, reorder, preview. Saving an answered version makes a
 * new one (the server decides; the page says so before saving).
 */
export function QuestionnaireEditPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const { id = 'new' } = useParams();
  const me = useCurrentUser();
  const list = useQuestionnaires();
  if (!hasRole(me.roles, 'management')) return <NotAllowed />;
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <LoadFailure message={errorMessage(tc, list.error)} />;
  const questionnaire = id === 'new' ? null : (list.data.find((q) => q.id === id) ?? null);
  if (id !== 'new' && !questionnaire) return <LoadFailure message={tc('errors.status.404')} />;
  return (
    <Page title={questionnaire ? t('builder.editTitle', { title: questionnaire.current.titleAr }) : t('builder.newTitle')}>
      <Editor key={`${id}-${questionnaire?.currentVersion ?? 0}`} questionnaire={questionnaire} />
    </Page>
  );
}

function Editor({ questionnaire }: { questionnaire: Questionnaire | null }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const isNew = questionnaire === null;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<EditorValues>({
    mode: 'controlled',
    initialValues: valuesOf(questionnaire),
    validate: (values) => validateEditor(values, isNew, t, tc),
  });
  const save = useMutation({
    mutationFn: (values: EditorValues) =>
      isNew
        ? api.post<Questionnaire>('/surveys/questionnaires', bodyOf(values, true))
        : api.put<Questionnaire>(`/surveys/questionnaires/${questionnaire.id}`, bodyOf(values, false)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: surveyKeys.questionnaires });
      notifySuccess(t('builder.saved', { version: saved.currentVersion }));
      navigate('/surveys/questionnaires');
    },
    onError: (error) => {
      const placed = placeProblem(error, t, tc);
      form.setErrors(placed.errors);
      setMessage(placed.message);
    },
  });
  const values = form.getValues();
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        {questionnaire?.isAnswered && (
          <Alert color="blue" variant="light">
            {t('builder.newVersionNote', { version: questionnaire.currentVersion, next: questionnaire.currentVersion + 1 })}
          </Alert>
        )}
        <ProblemAlert message={message} onClose={() => setMessage(null)} />
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('builder.titleAr')} dir="rtl" lang="ar" withAsterisk {...form.getInputProps('titleAr')} />
              <TextInput label={t('builder.titleEn')} dir="ltr" lang="en" withAsterisk {...form.getInputProps('titleEn')} />
            </SimpleGrid>
            {isNew && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('builder.code')}
                  description={t('builder.codeHint')}
                  dir="ltr"
                  withAsterisk
                  {...form.getInputProps('code')}
                />
                <Select
                  label={t('builder.purpose')}
                  data={SURVEY_PURPOSES.map((p) => ({ value: p, label: t(`builder.purposes.${p}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('purpose')}
                />
              </SimpleGrid>
            )}
            <Group>
              <Switch label={t('builder.active')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
              <Switch
                label={t('builder.anonymous')}
                description={t('builder.anonymousHint')}
                {...form.getInputProps('isAnonymous', { type: 'checkbox' })}
              />
            </Group>
          </Stack>
        </Paper>
        <Tabs defaultValue="questions" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="questions">{t('builder.questions')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('builder.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="questions" pt="md">
            <Stack gap="sm">
              {values.questions.map((q, index) => (
                <QuestionCard key={q.id} form={form} index={index} count={values.questions.length} />
              ))}
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem('questions', blankQuestion())}
                w="fit-content"
              >
                {t('builder.addQuestion')}
              </Button>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="md">
            <SurveyPreview title={{ ar: values.titleAr, en: values.titleEn }} questions={values.questions} />
          </Tabs.Panel>
        </Tabs>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {isNew ? t('builder.create') : t('builder.save')}
          </Button>
          <Button variant="default" onClick={() => navigate('/surveys/questionnaires')}>
            {tc('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
