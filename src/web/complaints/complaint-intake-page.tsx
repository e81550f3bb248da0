import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { STAFF_CHANNELS } from '../../domain/channels.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFamilyList } from '../families/families-api.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, fieldPathOf, problemMessage } from '../ui/problems.js';
import { AcknowledgeForm } from './complaint-steps.js';
import { type CaseDetail, CHANNEL_CODES, complaintKeys, groupedCode, type IntakeBody, useFormOptions } from './complaints-api.js';
import { COMPLAINTS_NS } from './i18n.js';

type Kind = 'complaint' | 'inquiry';
type Channel = (typeof STAFF_CHANNELS)[number];
/** Channels whose message itself is kept: the scanned page (A2, A4) or the e-mail (A5, issue 27 §3). */
const WITH_FILE: ReadonlySet<Channel> = new Set(['fax', 'letter', 'email']);
const ACCEPT = 'application/pdf,image/png,image/jpeg';

interface Values {
  kind: Kind;
  channel: Channel | null;
  anonymous: boolean;
  name: string;
  mobile: string;
  email: string;
  postalAddress: string;
  topic: string | null;
  domain: string | null;
  description: string;
  remedy: string;
  language: 'ar' | 'en';
}

const EMPTY: Values = {
  kind: 'complaint',
  channel: null,
  anonymous: false,
  name: '',
  mobile: '',
  email: '',
  postalAddress: '',
  topic: null,
  domain: null,
  description: '',
  remedy: '',
  language: 'ar',
};

/**
 * Staff intake (issue 6 §4, A1–A5): a complaint or inquiry that came by fax, letter, phone, e-mail or
 * in person, with the scanned page(s) or the e-mail attached, the family linked when known; then the
 * reference and the tracking code to hand over, and the acknowledgement for paper channels. A
 * volunteer (A6, issue 27 §3) files one on the channel `volunteer` for a family they registered.
 */
export function ComplaintIntakePage() {
  const { t } = useTranslation(COMPLAINTS_NS);
  const me = useCurrentUser();
  const [created, setCreated] = useState<{ detail: CaseDetail; trackingCode: string } | null>(null);
  if (!me.can.registerCase) return <NotAllowed />;
  return (
    <Page title={t('intake.title')}>
      {created ? (
        <Receipt detail={created.detail} trackingCode={created.trackingCode} onAnother={() => setCreated(null)} />
      ) : (
        <IntakeForm onCreated={(detail, trackingCode) => setCreated({ detail, trackingCode })} />
      )}
    </Page>
  );
}

function IntakeForm({ onCreated }: { onCreated(detail: CaseDetail, trackingCode: string): void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const options = useFormOptions();
  const [params] = useSearchParams();
  const me = useCurrentUser();
  // A6: a volunteer (without a desk role) files on the channel `volunteer`, for a family, never anonymously.
  const isVolunteerOnly = hasRole(me.roles, 'volunteer') && !hasRole(me.roles, 'reception', 'contact-officer');
  // `?kind=inquiry`: the inquiries page's "log an inquiry" opens this form on an inquiry.
  const [values, setValues] = useState<Values>(() => ({
    ...EMPTY,
    kind: params.get('kind') === 'inquiry' ? 'inquiry' : 'complaint',
    channel: isVolunteerOnly ? 'volunteer' : null,
  }));
  const [files, setFiles] = useState<File[]>([]);
  const [family, setFamily] = useState<{ id: string; label: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (body: IntakeBody) => {
      const form = new FormData();
      form.append('data', JSON.stringify(body));
      for (const file of files) form.append('file', file, file.name);
      return api.upload<{ case: CaseDetail; trackingCode: string }>('/complaints/intake', form);
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      notifySuccess(t('intake.saved', { reference: result.case.reference }));
      onCreated(result.case, result.trackingCode);
    },
    onError: (error) => {
      const problem = asProblem(error);
      const next: Record<string, string> = {};
      const rest: string[] = [];
      for (const fieldError of problem.errors ?? []) {
        const path = fieldPathOf(fieldError.pointer) || 'form';
        const text = fieldErrorMessage(tc, fieldError.code);
        if (path === 'file' || path === 'attachments') next.files = text;
        else if (path in EMPTY || path === 'familyId') next[path] ??= text;
        else rest.push(text);
      }
      setErrors(next);
      setMessage(Object.keys(next).length && !rest.length ? null : [problemMessage(tc, problem), ...rest].join(' '));
    },
  });

  const submit = () => {
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!values.channel) problems.channel = t('intake.channelRequired');
    if (!values.topic) problems.topic = tc('errors.field.required');
    if (values.description.trim().length < 10) problems.description = t('intake.descriptionShort');
    if (values.channel && WITH_FILE.has(values.channel) && files.length === 0)
      problems.files = values.channel === 'email' ? t('intake.emailRequired') : t('intake.scanRequired');
    if (isVolunteerOnly && !family) problems.familyId = t('intake.familyRequired');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const isComplaint = values.kind === 'complaint';
    const anonymous = isComplaint && values.anonymous;
    const text = (value: string) => (value.trim() ? value.trim() : undefined);
    const body = {
      kind: values.kind,
      channel: values.channel as Channel,
      anonymous,
      name: anonymous ? undefined : text(values.name),
      mobile: text(values.mobile),
      email: text(values.email),
      postalAddress: text(values.postalAddress),
      familyId: anonymous ? undefined : family?.id,
      topic: values.topic as string,
      domain: values.domain ?? undefined,
      description: values.description.trim(),
      remedy: isComplaint ? text(values.remedy) : undefined,
      language: values.language,
    } satisfies Partial<IntakeBody>;
    save.mutate(JSON.parse(JSON.stringify(body)) as IntakeBody);
  };

  if (options.isPending) return <PageLoader />;
  const topics = (options.data?.topics ?? [])
    .filter((topic) => topic.kind === values.kind)
    .map((topic) => ({ value: topic.code, label: language === 'ar' ? topic.nameAr : topic.nameEn }));
  const domains = (options.data?.domains ?? []).map((domain) => ({
    value: domain.code,
    label: language === 'ar' ? domain.nameAr : domain.nameEn,
  }));
  const isComplaint = values.kind === 'complaint';
  const isAnonymous = isComplaint && values.anonymous;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <ProblemAlert message={message} onClose={() => setMessage(null)} />
          <Radio.Group
            label={t('intake.kind')}
            required
            value={values.kind}
            onChange={(value) => setValues((current) => ({ ...current, kind: value as Kind, topic: null, anonymous: false, remedy: '' }))}
          >
            <Group gap="lg" mt={6}>
              <Radio value="complaint" label={t('kinds.complaint')} />
              <Radio value="inquiry" label={t('kinds.inquiry')} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('channel')}
              required
              allowDeselect={false}
              data={STAFF_CHANNELS.map((value) => ({ value, label: `${CHANNEL_CODES[value]} — ${t(`channels.${value}`)}` }))}
              value={values.channel}
              error={errors.channel}
              disabled={isVolunteerOnly}
              description={isVolunteerOnly ? t('intake.volunteerHint') : undefined}
              onChange={(value) => set('channel', value as Channel | null)}
            />
            <Select
              label={t('intake.replyLanguage')}
              allowDeselect={false}
              data={[
                { value: 'ar', label: t('intake.languages.ar') },
                { value: 'en', label: t('intake.languages.en') },
              ]}
              value={values.language}
              onChange={(value) => set('language', (value as 'ar' | 'en' | null) ?? 'ar')}
            />
          </SimpleGrid>
          <FileInput
            label={values.channel === 'email' ? t('intake.emailFile') : t('intake.scans')}
            // A5 (issue 27 §3): a case received by e-mail keeps the e-mail itself.
            description={values.channel === 'email' ? t('intake.emailFileHint') : t('intake.scansHint')}
            required={values.channel !== null && WITH_FILE.has(values.channel)}
            multiple
            clearable
            accept={ACCEPT}
            value={files}
            error={errors.files}
            onChange={setFiles}
          />
          <Title order={2} fz="md" mt="xs">
            {t('intake.writer')}
          </Title>
          {isComplaint && !isVolunteerOnly && (
            <Checkbox
              label={t('intake.anonymous')}
              checked={values.anonymous}
              onChange={(event) => set('anonymous', event.currentTarget.checked)}
            />
          )}
          {!isAnonymous && (
            <TextInput
              label={t('intake.name')}
              value={values.name}
              error={errors.name}
              maxLength={120}
              onChange={(e) => set('name', e.currentTarget.value)}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('intake.mobile')}
              description={t('intake.mobileHint')}
              inputMode="tel"
              dir="ltr"
              value={values.mobile}
              error={errors.mobile}
              onChange={(e) => set('mobile', e.currentTarget.value)}
            />
            <TextInput
              label={t('intake.email')}
              type="email"
              dir="ltr"
              value={values.email}
              error={errors.email}
              onChange={(e) => set('email', e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('intake.postalAddress')}
            description={t('intake.postalAddressHint')}
            autosize
            minRows={2}
            maxLength={500}
            value={values.postalAddress}
            error={errors.postalAddress}
            onChange={(e) => set('postalAddress', e.currentTarget.value)}
          />
          {!isAnonymous && <FamilyLink family={family} onChange={setFamily} error={errors.familyId} isRequired={isVolunteerOnly} />}
          <Title order={2} fz="md" mt="xs">
            {t('intake.subject')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('topic')}
              required
              searchable
              data={topics}
              value={values.topic}
              error={errors.topic}
              onChange={(value) => set('topic', value)}
            />
            <Select
              label={t('domain')}
              clearable
              data={domains}
              value={values.domain}
              error={errors.domain}
              onChange={(value) => set('domain', value)}
            />
          </SimpleGrid>
          <Textarea
            label={isComplaint ? t('intake.description') : t('intake.question')}
            required
            autosize
            minRows={4}
            maxLength={5000}
            value={values.description}
            error={errors.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          {isComplaint && (
            <Textarea
              label={t('intake.remedy')}
              autosize
              minRows={2}
              maxLength={2000}
              value={values.remedy}
              error={errors.remedy}
              onChange={(e) => set('remedy', e.currentTarget.value)}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to="/complaints" variant="default">
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('intake.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Links the family when known (families search; only families in the staff member's scope come back). */
function FamilyLink({
  family,
  onChange,
  error,
  isRequired = false,
}: {
  family: { id: string; label: string } | null;
  onChange(family: { id: string; label: string } | null): void;
  error?: string | undefined;
  /** A6: a volunteer files on a family's behalf, one they registered. */
  isRequired?: boolean;
}) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useFamilyList({ q: debounced, sort: 'name', order: 'asc', limit: 8 }, debounced.length >= 2 && !family);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  if (family) {
    return (
      <Group gap="xs" justify="space-between">
        <Text>
          {t('intake.familyLinked')}: <strong>{family.label}</strong>
        </Text>
        <Button variant="subtle" size="xs" onClick={() => onChange(null)}>
          {t('intake.unlinkFamily')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={6}>
      <TextInput
        label={isRequired ? t('intake.familySearchRequired') : t('intake.familySearch')}
        description={isRequired ? t('intake.familySearchVolunteerHint') : t('intake.familySearchHint')}
        required={isRequired}
        type="search"
        autoComplete="off"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        error={error}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {debounced.length >= 2 && list.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('intake.noFamilies')}
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Group key={item.id} component="li" justify="space-between" gap="xs">
              <Text size="sm">
                {item.headNameAr} — <Ltr>{item.reference}</Ltr>
              </Text>
              <Button
                size="xs"
                variant="light"
                aria-label={t('intake.linkNamed', { name: item.headNameAr })}
                onClick={() => onChange({ id: item.id, label: `${item.headNameAr} — ${item.reference}` })}
              >
                {t('intake.link')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** After saving: the reference and the tracking code to hand over, and the acknowledgement for paper channels. */
function Receipt({ detail, trackingCode, onAnother }: { detail: CaseDetail; trackingCode: string; onAnother(): void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const [current, setCurrent] = useState(detail);
  const isComplaint = current.kind === 'complaint';
  const link = isComplaint ? `/complaints/${current.id}` : `/inquiries/${current.id}`;
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title={t('intake.receiptTitle')} role="status">
        <Stack gap={6}>
          <Text>
            {t('intake.receiptReference')}:{' '}
            <strong data-testid="intake-reference">
              <Ltr>{current.reference}</Ltr>
            </strong>
          </Text>
          <Text>
            {t('intake.receiptCode')}:{' '}
            <strong data-testid="intake-code" style={{ fontFamily: 'monospace', fontSize: '1.1em' }}>
              <Ltr>{groupedCode(trackingCode)}</Ltr>
            </strong>
          </Text>
          <Text size="sm" c="dimmed">
            {t('intake.receiptCodeHint')}
          </Text>
        </Stack>
      </Alert>
      {current.step === 'received' ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <AcknowledgeForm detail={current} onDone={setCurrent} />
        </Paper>
      ) : (
        <Text>{t('intake.acknowledged')}</Text>
      )}
      <Group gap="sm">
        <Anchor component={Link} to={link} underline="always">
          {isComplaint ? t('intake.openComplaint') : t('intake.openInquiry')}
        </Anchor>
        <Button variant="default" onClick={onAnother}>
          {t('intake.another')}
        </Button>
      </Group>
    </Stack>
  );
}
