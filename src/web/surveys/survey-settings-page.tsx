import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SurveySettings, surveySettings } from '../../contracts/surveys.js';
import { SURVEY_CASE_KINDS, type SurveyCaseKind } from '../../domain/survey.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useActiveRequestTypes } from '../ui/request-types.js';
import { SURVEYS_NS } from './i18n.js';
import { placeProblem } from './questionnaire-form.js';
import { surveyKeys, useQuestionnaires, useSurveySettings, useTopics } from './surveys-api.js';

type Form = UseFormReturnType<SurveySettings>;

/** The general numbers: days, or a score on the CSAT or NPS scale. */
const NUMBERS = [
  ['cooldownDays', 'days'],
  ['expiryDays', 'days'],
  ['csatNegativeMax', 'integer'],
  ['npsNegativeMax', 'integer'],
] as const;
const DELAY_DAYS = surveySettings.shape.triggers.shape.request.shape.delayDays;

/** A number's range as the contract sets it (`triggers.request.delayDays` → the trigger's), or null. */
function rangeOf(path: string): { min: number; max: number } | null {
  const number = NUMBERS.find(([key]) => key === path);
  const field = number ? surveySettings.shape[number[0]] : path.endsWith('.delayDays') ? DELAY_DAYS : null;
  return field?.minValue != null && field.maxValue != null ? { min: field.minValue, max: field.maxValue } : null;
}

/**
 * Issue 24 §2, §5 (H1): when families are asked — per closed request, complaint or inquiry: which
 * questionnaire, after how many days, on or off per request type or topic — the once-per-N-days rule,
 * the link's life, and what counts as a negative answer. Administrators change them (audited on the
 * server); management reads them.
 */
export function SurveySettingsPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const settings = useSurveySettings();
  if (!hasRole(me.roles, 'administrator', 'management')) return <NotAllowed />;
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <LoadFailure message={errorMessage(tc, settings.error)} />;
  return (
    <Page title={t('settings.title')}>
      <SettingsForm initial={settings.data} canEdit={hasRole(me.roles, 'administrator')} />
    </Page>
  );
}

function SettingsForm({ initial, canEdit }: { initial: SurveySettings; canEdit: boolean }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SurveySettings>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => {
      const parsed = surveySettings.safeParse(values);
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const range = rangeOf(path);
        errors[path] ??= range ? t('settings.range', range) : tc('errors.field.invalid');
      }
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: SurveySettings) => api.put<SurveySettings>('/settings/surveys', values),
    onSuccess: (saved) => {
      queryClient.setQueryData(surveyKeys.settings, saved);
      form.setValues(saved);
      form.resetDirty(saved);
      notifySuccess(t('settings.saved'));
    },
    onError: (error) => {
      const placed = placeProblem(error, t, tc);
      form.setErrors(placed.errors);
      setMessage(placed.message);
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          {!canEdit && <Text c="dimmed">{t('settings.readOnly')}</Text>}
          <ProblemAlert message={message} onClose={() => setMessage(null)} />
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-rules">
            <Title order={2} fz="lg" id="survey-rules" mb="sm">
              {t('settings.rules')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {NUMBERS.map(([key, kind]) => (
                <NumberField
                  key={key}
                  kind={kind}
                  label={t(`settings.${key}`)}
                  description={t(`settings.${key}Hint`)}
                  {...form.getInputProps(key)}
                />
              ))}
            </SimpleGrid>
          </Paper>
          {SURVEY_CASE_KINDS.map((kind) => (
            <TriggerSection key={kind} form={form} kind={kind} />
          ))}
          {canEdit && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('settings.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

function TriggerSection({ form, kind }: { form: Form; kind: SurveyCaseKind }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { language } = useLanguage();
  const questionnaires = useQuestionnaires();
  const requestTypes = useActiveRequestTypes();
  const topics = useTopics();
  const at = `triggers.${kind}`;
  const name = (x: { nameAr: string; nameEn: string }) => (language === 'ar' ? x.nameAr : x.nameEn);
  const offChoices =
    kind === 'request'
      ? (requestTypes.data ?? []).map((r) => ({ value: r.code, label: name(r) }))
      : (topics.data?.topics ?? []).filter((x) => x.kind === kind).map((x) => ({ value: x.code, label: name(x) }));
  // A code switched off earlier but no longer offered stays visible, so it can be removed.
  const offCodes = form.getValues().triggers[kind].offCodes;
  const data = [...offChoices, ...offCodes.filter((c) => !offChoices.some((o) => o.value === c)).map((c) => ({ value: c, label: c }))];
  const id = `survey-trigger-${kind}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={id}>
          {t(`settings.trigger.${kind}`)}
        </Title>
        <Switch label={t('settings.enabled')} {...form.getInputProps(`${at}.isEnabled`, { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('settings.questionnaire')}
            placeholder={t('settings.defaultQuestionnaire')}
            data={(questionnaires.data ?? []).map((q) => ({
              value: q.id,
              label: language === 'ar' ? q.current.titleAr : q.current.titleEn,
            }))}
            clearable
            {...form.getInputProps(`${at}.questionnaireId`)}
          />
          <NumberField
            kind="days"
            label={t('settings.delayDays')}
            description={t('settings.delayDaysHint')}
            {...form.getInputProps(`${at}.delayDays`)}
          />
        </SimpleGrid>
        <MultiSelect
          label={kind === 'request' ? t('settings.offRequestTypes') : t('settings.offTopics')}
          description={t('settings.offHint')}
          data={data}
          searchable
          {...form.getInputProps(`${at}.offCodes`)}
        />
      </Stack>
    </Paper>
  );
}
