import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ComplaintsSettings, complaintsSettings } from '../../contracts/complaints.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, errorMessage, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { COMPLAINT_SETTINGS_NS } from './i18n.js';

const settingsKey = ['settings', 'complaints'] as const;
type Form = UseFormReturnType<ComplaintsSettings>;

/** Number settings and their ranges (the contract's), said in a sentence rather than "too short". */
const LIMITS = [
  ['submissionsPerWindow', 1, 1000],
  ['submissionWindowMinutes', 1, 1440],
  ['uploadsPerWindow', 1, 5000],
  ['lookupsPerMinute', 1, 1000],
  ['maxAttachments', 0, 10],
] as const;
const CLOCKS = [
  ['acknowledgeWorkingDays', 0, 30],
  ['resolveWorkingDays', 1, 120],
  ['inquiryAnswerWorkingDays', 1, 120],
  ['warningWorkingDays', 0, 30],
] as const;
const RANGES: Record<string, readonly [number, number]> = Object.fromEntries(
  [...LIMITS, ...CLOCKS].map(([key, min, max]) => [key, [min, max] as const]),
);

/** `/topics/3/code` → `topics.3.code`: Mantine's path, keeping the list position. */
const pathOf = (pointer: string) => pointer.split('/').filter(Boolean).join('.');

/**
 * The complaints and inquiries link's settings (issue 6 §1, §5, §7; E1, E2, G2): topics, support
 * topics, per-address limits, the working-day clocks, approved answers and the privacy notice.
 */
export function ComplaintSettingsPage() {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = hasRole(me.roles, 'administrator');
  const query = useQuery({
    queryKey: settingsKey,
    enabled: isAdmin,
    queryFn: () => api.get<ComplaintsSettings>('/settings/complaints'),
  });
  if (!isAdmin) return <NotAllowed />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  return (
    <Page title={t('title')}>
      <SettingsForm initial={query.data} />
    </Page>
  );
}

function SettingsForm({ initial }: { initial: ComplaintsSettings }) {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const explain = (path: string, code: string) => {
    const key = path.split('.').at(-1) ?? '';
    const range = RANGES[key];
    if (range && /^field\.(too-short|too-long|invalid|invalid-type)$/.test(code)) return t('range', { min: range[0], max: range[1] });
    return fieldErrorMessage(tc, code);
  };
  const form = useForm<ComplaintsSettings>({
    initialValues: initial,
    validate: (values) => {
      const parsed = complaintsSettings.safeParse(values);
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        errors[path] ??= explain(path, issue.message.startsWith('field.') ? issue.message : 'field.invalid');
      }
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: ComplaintsSettings) => api.put<ComplaintsSettings>('/settings/complaints', values),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['complaints', 'form-options'] });
      form.resetDirty(saved);
      notifySuccess(t('saved'));
    },
    onError: (error) => {
      const problem = asProblem(error);
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const fieldError of problem.errors ?? []) {
        const path = pathOf(fieldError.pointer);
        if (path) errors[path] ??= explain(path, fieldError.code);
        else unplaced.push(fieldErrorMessage(tc, fieldError.code));
      }
      form.setErrors(errors);
      setMessage([problemMessage(tc, problem), ...unplaced].join(' '));
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => {
          setMessage(null);
          save.mutate(values);
        },
        () => setMessage(t('fixErrors')),
      )}
    >
      <Stack gap="lg">
        <Text>{t('intro')}</Text>
        <ProblemAlert message={message} onClose={() => setMessage(null)} />
        <Topics form={form} />
        <Numbers form={form} title={t('limits.title')} hint={t('limits.hint')} items={LIMITS} id="limits" />
        <Numbers form={form} title={t('clocks.title')} hint={t('clocks.hint')} items={CLOCKS} id="clocks" />
        <Templates form={form} />
        <Privacy />
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Button type="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby={`section-${id}`}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={`section-${id}`}>
          {title}
        </Title>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

function Topics({ form }: { form: Form }) {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  const { language } = useLanguage();
  const topics = form.values.topics;
  const inquiryTopics = topics
    .filter((topic) => topic.kind === 'inquiry' && topic.code)
    .map((topic) => ({ value: topic.code, label: (language === 'ar' ? topic.nameAr : topic.nameEn) || topic.code }));
  const strays = form.values.supportTopics.filter((code) => !inquiryTopics.some((o) => o.value === code));
  return (
    <Section id="topics" title={t('topics.title')} hint={t('topics.hint')}>
      {topics.map((_topic, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows being edited have no id yet; their place is their identity
        <Paper key={`topic-${index}`} withBorder radius="sm" p="sm" data-testid="topic-row">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('topics.code', { n: index + 1 })}
              dir="ltr"
              withAsterisk
              maxLength={50}
              {...form.getInputProps(`topics.${index}.code`)}
            />
            <Select
              label={t('topics.kind', { n: index + 1 })}
              data={[
                { value: 'complaint', label: t('topics.complaint') },
                { value: 'inquiry', label: t('topics.inquiry') },
              ]}
              allowDeselect={false}
              {...form.getInputProps(`topics.${index}.kind`)}
            />
            <TextInput label={t('topics.nameAr', { n: index + 1 })} withAsterisk {...form.getInputProps(`topics.${index}.nameAr`)} />
            <TextInput
              label={t('topics.nameEn', { n: index + 1 })}
              withAsterisk
              dir="ltr"
              {...form.getInputProps(`topics.${index}.nameEn`)}
            />
          </SimpleGrid>
          <Group justify="space-between" mt="xs">
            <Switch label={t('topics.active')} {...form.getInputProps(`topics.${index}.isActive`, { type: 'checkbox' })} />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('topics.remove', { n: index + 1 })}
              onClick={() => form.removeListItem('topics', index)}
              disabled={topics.length <= 1}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {form.errors.topics && (
        <Text c="red.8" size="sm" role="alert">
          {form.errors.topics}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => form.insertListItem('topics', { code: '', kind: 'inquiry', nameAr: '', nameEn: '', isActive: true })}
        >
          {t('topics.add')}
        </Button>
      </Group>
      <MultiSelect
        label={t('topics.support')}
        description={t('topics.supportHint')}
        data={[...inquiryTopics, ...strays.map((code) => ({ value: code, label: code }))]}
        value={form.values.supportTopics}
        onChange={(value) => form.setFieldValue('supportTopics', value)}
        error={
          form.errors.supportTopics ??
          Object.entries(form.errors).find(([key]) => key.startsWith('supportTopics.'))?.[1] ??
          (strays.length ? t('topics.supportStray', { codes: strays.join('، ') }) : undefined)
        }
      />
    </Section>
  );
}

function Numbers({
  form,
  title,
  hint,
  items,
  id,
}: {
  form: Form;
  title: string;
  hint: string;
  items: ReadonlyArray<readonly [keyof ComplaintsSettings, number, number]>;
  id: string;
}) {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  return (
    <Section id={id} title={title} hint={hint}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {items.map(([key, min, max]) => (
          <NumberField
            key={key}
            kind={/days/i.test(String(key)) ? 'days' : 'integer'}
            label={t(`fields.${key}`)}
            description={t('range', { min, max })}
            {...form.getInputProps(key)}
            onChange={(value) => form.setFieldValue(key, (value === '' ? Number.NaN : value) as never)}
            value={Number.isNaN(form.values[key] as number) ? '' : (form.values[key] as number)}
          />
        ))}
      </SimpleGrid>
    </Section>
  );
}

function Templates({ form }: { form: Form }) {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  return (
    <Section
      id="templates"
      title={t('templates.title')}
      hint={t('templates.hint', { reference: '{{reference}}', name: '{{name}}', officer: '{{officer}}' })}
    >
      {form.values.answerTemplates.map((_template, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows being edited have no id yet; their place is their identity
        <Paper key={`template-${index}`} withBorder radius="sm" p="sm">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('templates.code', { n: index + 1 })}
                dir="ltr"
                withAsterisk
                maxLength={50}
                {...form.getInputProps(`answerTemplates.${index}.code`)}
              />
              <TextInput
                label={t('templates.nameAr', { n: index + 1 })}
                withAsterisk
                {...form.getInputProps(`answerTemplates.${index}.nameAr`)}
              />
              <TextInput
                label={t('templates.nameEn', { n: index + 1 })}
                withAsterisk
                dir="ltr"
                {...form.getInputProps(`answerTemplates.${index}.nameEn`)}
              />
            </SimpleGrid>
            <Textarea
              label={t('templates.bodyAr', { n: index + 1 })}
              autosize
              minRows={3}
              withAsterisk
              {...form.getInputProps(`answerTemplates.${index}.bodyAr`)}
            />
            <Textarea
              label={t('templates.bodyEn', { n: index + 1 })}
              autosize
              minRows={3}
              withAsterisk
              dir="ltr"
              {...form.getInputProps(`answerTemplates.${index}.bodyEn`)}
            />
            <Group justify="space-between">
              <Switch label={t('templates.active')} {...form.getInputProps(`answerTemplates.${index}.isActive`, { type: 'checkbox' })} />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('templates.remove', { n: index + 1 })}
                onClick={() => form.removeListItem('answerTemplates', index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            form.insertListItem('answerTemplates', { code: '', nameAr: '', nameEn: '', bodyAr: '', bodyEn: '', isActive: true })
          }
        >
          {t('templates.add')}
        </Button>
      </Group>
    </Section>
  );
}

/** F2, issue 20 §4: the public form's notice is a versioned text edited in Settings → privacy notices. */
function Privacy() {
  const { t } = useTranslation(COMPLAINT_SETTINGS_NS);
  return (
    <Section id="privacy" title={t('privacy.title')} hint={t('privacy.moved')}>
      <Group>
        <Button component={Link} to="/settings?tab=notices" variant="light">
          {t('privacy.open')}
        </Button>
      </Group>
    </Section>
  );
}
