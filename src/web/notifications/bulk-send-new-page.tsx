import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
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
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { bulkAudience, createBulkSendBody } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { useActiveRequestTypes } from '../ui/request-types.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { schemaErrors } from '../ui/validate.js';
import { type AudienceCount, type BulkAudience, type CreateBulkSendBody, useAudiencePreview, useCreateBulkSend } from './bulk-sends-api.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';

const TEXT_MAX = 1000;
const AGREED_CHANNELS = bulkAudience.shape.agreedChannel.unwrap().options;
const AUDIENCE_FIELDS = ['category', 'domain', 'office', 'agreedChannel', 'requestType', 'hasOpenRequest'] as const;

interface Values {
  name: string;
  category: string;
  domain: string;
  office: string;
  agreedChannel: string;
  requestType: string;
  hasOpenRequest: '' | 'yes' | 'no';
  textAr: string;
  includePaper: boolean;
  when: 'now' | 'later';
  /** `YYYY-MM-DDTHH:mm` in Riyadh time (the association's clock, X2), from a datetime-local input. */
  at: string;
}

const EMPTY: Values = {
  name: '',
  category: '',
  domain: '',
  office: '',
  agreedChannel: '',
  requestType: '',
  hasOpenRequest: '',
  textAr: '',
  includePaper: false,
  when: 'now',
  at: '',
};

function audienceOf(values: Values): BulkAudience {
  const audience: BulkAudience = {};
  if (values.category) audience.category = values.category;
  if (values.domain) audience.domain = values.domain;
  if (values.office) audience.office = values.office;
  if (values.agreedChannel) audience.agreedChannel = values.agreedChannel as BulkAudience['agreedChannel'];
  if (values.requestType) audience.requestType = values.requestType;
  if (values.hasOpenRequest) audience.hasOpenRequest = values.hasOpenRequest === 'yes';
  return audience;
}

/** Riyadh keeps UTC+3 all year: the typed local time is read there, whatever the computer's zone. */
const riyadhInstant = (local: string) => new Date(`${local}:00+03:00`);

function bodyOf(values: Values, idempotencyKey: string): CreateBulkSendBody {
  return {
    idempotencyKey,
    name: values.name.trim(),
    event: 'announcement.general',
    audience: audienceOf(values),
    textAr: values.textAr.trim(),
    includePaper: values.includePaper,
    ...(values.when === 'later' && values.at ? { scheduledAt: riyadhInstant(values.at).toISOString() } : {}),
  };
}

/** Families who would actually get something: those on letter/phone only when ticked (G3). */
const reachableOf = (count: AudienceCount, includePaper: boolean) => (includePaper ? count.total : count.total - count.paper);

/**
 * Issue 20 §2 (G3): a new bulk send. The audience is counted live (debounced) before anything is
 * sent, by channel and with those on letter/phone apart; starting asks once more with the count.
 * The idempotency key is made once per form, so a double click or a retried request starts one send.
 */
export function BulkSendNewPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { language } = useLanguage();
  const { number } = useFormat();
  const labels = useMessageLabels();
  const taxonomy = useTaxonomyLabels({ within: me.scope });
  const types = useActiveRequestTypes();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const families = (count: number) => t('bulk.families', { count, n: number(count) });

  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: (values) => {
      const errors = schemaErrors(tc, createBulkSendBody, bodyOf(values, idempotencyKey));
      if (values.when === 'later') {
        if (!values.at) errors.at = t('bulk.form.atRequired');
        else if (Number.isNaN(riyadhInstant(values.at).getTime())) errors.at = tc('errors.field.invalid');
        else if (riyadhInstant(values.at).getTime() < Date.now()) errors.at = t('bulk.form.atPast');
      }
      return errors;
    },
  });
  const values = form.getValues();
  const audience = audienceOf(values);
  const [debounced] = useDebouncedValue(JSON.stringify(audience), 400);
  const isAdministrator = hasRole(me.roles, 'administrator');
  const preview = useAudiencePreview(JSON.parse(debounced) as BulkAudience, isAdministrator);
  const create = useCreateBulkSend();

  if (!isAdministrator) return <NotAllowed />;

  const count = preview.data;
  const reachable = count ? reachableOf(count, values.includePaper) : null;
  const optional = (data: { value: string; label: string }[]) => [{ value: '', label: t('bulk.form.any') }, ...data];
  const typeName = (code: string) => {
    const type = types.data?.find((candidate) => candidate.code === code);
    return type ? (language === 'ar' ? type.nameAr : type.nameEn) : code;
  };

  /** The server's codes in words, under the field they name where there is one (the audience's filters). */
  const showProblem = (error: unknown) => {
    const found = asProblem(error);
    const fieldErrors: Record<string, string> = {};
    for (const fieldError of found.errors ?? []) {
      const field = fieldError.pointer.replace(/^\/(audience\/)?/, '').split('/')[0] ?? '';
      if (!(field in EMPTY)) continue;
      fieldErrors[field] = fieldError.code === 'scope.forbidden' ? t('bulk.errors.scopeForbidden') : fieldErrorMessage(tc, fieldError.code);
    }
    form.setErrors(fieldErrors);
    setProblem(found.code === 'scope.forbidden' ? t('bulk.errors.scopeForbidden') : problemMessage(tc, found));
  };

  const start = () => {
    setProblem(null);
    create.mutate(bodyOf(form.getValues(), idempotencyKey), {
      onSuccess: (send) => {
        setConfirming(false);
        notifySuccess(t(send.status === 'scheduled' && values.when === 'later' ? 'bulk.scheduledNotice' : 'bulk.startedNotice'));
        void navigate(`/bulk-sends/${send.id}`);
      },
      onError: (error) => {
        setConfirming(false);
        showProblem(error);
      },
    });
  };

  const select = (field: (typeof AUDIENCE_FIELDS)[number], data: { value: string; label: string }[]) => (
    <Select
      label={t(`bulk.form.${field}`)}
      data={optional(data)}
      allowDeselect={false}
      searchable={data.length > 8}
      nothingFoundMessage={t('bulk.form.nothingFound')}
      {...form.getInputProps(field)}
      onChange={(value) => form.setFieldValue(field, (value ?? '') as never)}
    />
  );

  const textLength = values.textAr.length;
  const atWhen = values.when === 'later' && values.at ? riyadhInstant(values.at) : null;

  return (
    <Page title={t('bulk.newTitle')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form
          noValidate
          onSubmit={form.onSubmit(() => {
            setProblem(null);
            if (reachable === 0) {
              setProblem(tc('errors.bulk.empty-audience'));
              return;
            }
            setConfirming(true);
          })}
        >
          <Stack gap="lg">
            <ProblemAlert message={problem} onClose={() => setProblem(null)} />
            <TextInput
              label={t('bulk.form.name')}
              description={t('bulk.form.nameHint')}
              withAsterisk
              maxLength={120}
              {...form.getInputProps('name')}
            />

            <Stack gap="sm" component="fieldset" m={0} p={0} style={{ border: 0 }}>
              <Title order={2} size="h4" component="legend">
                {t('bulk.form.audience')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('bulk.form.audienceHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
                {select('category', taxonomy.categories())}
                {select('domain', taxonomy.domains())}
                {select('office', taxonomy.offices())}
                {select(
                  'agreedChannel',
                  AGREED_CHANNELS.map((value) => ({ value, label: labels.channel(value) })),
                )}
                {select(
                  'requestType',
                  (types.data ?? []).map((type) => ({ value: type.code, label: typeName(type.code) })),
                )}
                {select('hasOpenRequest', [
                  { value: 'yes', label: t('bulk.form.openYes') },
                  { value: 'no', label: t('bulk.form.openNo') },
                ])}
              </SimpleGrid>
            </Stack>

            <AudienceCountPanel
              count={count}
              isCounting={preview.isFetching || debounced !== JSON.stringify(audience)}
              error={preview.isError ? preview.error : null}
              includePaper={values.includePaper}
              onIncludePaper={(checked) => form.setFieldValue('includePaper', checked)}
              families={families}
            />

            <Textarea
              label={t('bulk.form.text')}
              description={t('bulk.form.textHint')}
              withAsterisk
              // A fixed height: autosize's hidden measuring textarea stays in the body at the widest width it saw.
              rows={5}
              resize="vertical"
              maxLength={TEXT_MAX}
              {...form.getInputProps('textAr')}
              dir="rtl"
              lang="ar"
              inputWrapperOrder={['label', 'description', 'input', 'error']}
            />
            <Text size="xs" c={textLength > TEXT_MAX * 0.9 ? 'orange' : 'dimmed'} mt={-12} aria-live="polite" data-testid="bulk-text-count">
              {t('bulk.form.chars', { length: number(textLength), max: number(TEXT_MAX) })}
            </Text>

            <Radio.Group label={t('bulk.form.when')} {...form.getInputProps('when')}>
              <Group gap="lg" mt="xs">
                <Radio value="now" label={t('bulk.form.now')} />
                <Radio value="later" label={t('bulk.form.later')} />
              </Group>
            </Radio.Group>
            {values.when === 'later' && (
              <TextInput type="datetime-local" label={t('bulk.form.at')} withAsterisk maw={320} {...form.getInputProps('at')} />
            )}

            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/bulk-sends" variant="default">
                {tc('common.cancel')}
              </Button>
              <Button type="submit" disabled={reachable === 0} loading={create.isPending}>
                {t('bulk.form.start')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ConfirmDialog
        opened={isConfirming}
        title={t('bulk.confirmTitle')}
        message={t(atWhen ? 'bulk.confirmLater' : 'bulk.confirmNow', {
          name: values.name.trim(),
          families: families(reachable ?? 0),
          at: atWhen
            ? new Intl.DateTimeFormat(`${language}-SA-u-ca-islamic-umalqura-nu-latn`, {
                dateStyle: 'long',
                timeStyle: 'short',
                timeZone: 'Asia/Riyadh',
              }).format(atWhen)
            : '',
        })}
        confirmLabel={t('bulk.form.start')}
        isPending={create.isPending}
        onConfirm={() => {
          if (!create.isPending) start();
        }}
        onClose={() => setConfirming(false)}
      />
    </Page>
  );
}

/** The live count (G3): in all, by agreed channel, and the letter/phone families with their checkbox. */
function AudienceCountPanel({
  count,
  isCounting,
  error,
  includePaper,
  onIncludePaper,
  families,
}: {
  count: AudienceCount | undefined;
  isCounting: boolean;
  error: unknown;
  includePaper: boolean;
  onIncludePaper(checked: boolean): void;
  families(count: number): string;
}) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const labels = useMessageLabels();
  const problem = error ? asProblem(error) : null;
  const reachable = count ? reachableOf(count, includePaper) : 0;
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-light)" component="section" aria-labelledby="bulk-count-title">
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="bulk-count-title">
            {t('bulk.count.title')}
          </Title>
          {isCounting && <Loader size="xs" aria-label={t('bulk.count.counting')} />}
        </Group>
        <div aria-live="polite" data-testid="bulk-audience-count" data-total={count?.total} data-paper={count?.paper}>
          {problem ? (
            <Text c="red">{problem.code === 'scope.forbidden' ? t('bulk.errors.scopeForbidden') : problemMessage(tc, problem)}</Text>
          ) : count ? (
            <Stack gap={4}>
              <Text fw={600} size="lg">
                {t('bulk.count.total', { families: families(count.total) })}
              </Text>
              {count.total > 0 && (
                <Text size="sm" component="ul" m={0} ps="md">
                  {Object.entries(count.byChannel).map(([channel, n]) => (
                    <li key={channel} data-channel={channel}>
                      {labels.channel(channel)}: {number(n)}
                    </li>
                  ))}
                </Text>
              )}
            </Stack>
          ) : (
            <Text c="dimmed">{t('bulk.count.counting')}</Text>
          )}
        </div>
        {count && count.paper > 0 && (
          <Checkbox
            checked={includePaper}
            onChange={(event) => onIncludePaper(event.currentTarget.checked)}
            label={t('bulk.count.includePaper', { families: families(count.paper) })}
            description={t('bulk.count.includePaperHint')}
          />
        )}
        {count && !problem && (
          <Alert color={reachable === 0 ? 'yellow' : 'blue'} variant="light" p="xs">
            {reachable === 0 ? tc('errors.bulk.empty-audience') : t('bulk.count.reachable', { families: families(reachable) })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
