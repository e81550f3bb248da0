import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Answers, AnswerValue, CreateRequestBody, RequestChannel, ServiceRequest } from '../../contracts/requests.js';
import { CHANNEL_CLAUSE, STAFF_CHANNELS } from '../../domain/channels.js';
import { evaluateChecklist } from '../../domain/request-checklist.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFamily, useFamilyList } from '../families/families-api.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { AnswerFields, cleanAnswers } from './answer-fields.js';
import { ChecklistPanel } from './checklist-panel.js';
import { REQUESTS_NS } from './i18n.js';
import { newIdempotencyKey, requestKeys, useActiveRequestTypes } from './requests-api.js';

/** A1–A6 as staff know them: the policy's code and its name (A5: website and e-mail; issue 27 §3). */
export const CHANNEL_CODES: Readonly<Record<RequestChannel, string>> = CHANNEL_CLAUSE;

/**
 * A new request for a family (A1–A6; C2, C3): the type with its criteria shown, the channel, the
 * checklist's fields, and what is still missing. Saved as a draft; documents and the family's
 * signature follow on the request's page.
 */
export function RequestCreatePage() {
  const { t } = useTranslation(REQUESTS_NS);
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const familyId = params.get('familyId');
  if (!me.can.createRequest) return <NotAllowed />;
  return (
    <Page title={t('new.title')}>
      {familyId ? (
        <RequestForm familyId={familyId} onChangeFamily={() => setParams({}, { replace: true })} />
      ) : (
        <FamilyPicker onPick={(id) => setParams({ familyId: id }, { replace: true })} />
      )}
    </Page>
  );
}

function FamilyPicker({ onPick }: { onPick(id: string): void }) {
  const { t } = useTranslation(REQUESTS_NS);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useFamilyList({ q: debounced, sort: 'name', order: 'asc', limit: 10 }, debounced.length >= 2);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('new.chooseFamily')}
        </Title>
        <TextInput
          label={t('new.familySearch')}
          description={t('new.familySearchHint')}
          type="search"
          autoComplete="off"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        {debounced.length >= 2 && list.isPending && <PageLoader />}
        {debounced.length >= 2 && list.data && items.length === 0 && <Text c="dimmed">{t('new.noFamilies')}</Text>}
        {items.length > 0 && (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((family) => (
              <Group key={family.id} component="li" justify="space-between" gap="xs">
                <Text>
                  {family.headNameAr} — <Ltr>{family.reference}</Ltr>
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => onPick(family.id)}
                  aria-label={t('new.pickNamed', { name: family.headNameAr })}
                >
                  {t('new.pick')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function RequestForm({ familyId, onChangeFamily }: { familyId: string; onChangeFamily(): void }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const family = useFamily(familyId);
  const types = useActiveRequestTypes();
  const isVolunteerOnly = hasRole(me.roles, 'volunteer') && !hasRole(me.roles, 'reception', 'contact-officer');
  // One key for this form: a double click or a retry after a lost answer makes one request.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [typeCode, setTypeCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<RequestChannel | null>(isVolunteerOnly ? 'volunteer' : null);
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const type = types.data?.find((candidate) => candidate.code === typeCode) ?? null;
  const preview = useMemo(() => (type ? evaluateChecklist(type.checklist, cleanAnswers(answers), []) : null), [type, answers]);

  const create = useMutation({
    mutationFn: (body: CreateRequestBody) => api.post<ServiceRequest>('/requests', body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t('new.created', { reference: created.reference }));
      void navigate(`/requests/${created.id}`);
    },
    onError: (error) => {
      const problem = asProblem(error);
      const next: Record<string, string> = {};
      const rest: string[] = [];
      for (const fieldError of problem.errors ?? []) {
        const match = /^\/answers\/([^/]+)/.exec(fieldError.pointer);
        if (match?.[1]) next[match[1]] = fieldErrorMessage(tc, fieldError.code);
        else rest.push(fieldErrorMessage(tc, fieldError.code));
      }
      setErrors(next);
      setMessage([problemMessage(tc, problem), ...rest].join(' '));
    },
  });

  const submit = () => {
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!typeCode) problems.type = t('new.typeRequired');
    if (!channel) problems.channel = t('new.channelRequired');
    setErrors(problems);
    if (!typeCode || !channel) return;
    create.mutate({ idempotencyKey, familyId, typeCode, channel, answers: cleanAnswers(answers) });
  };

  if (family.isPending || types.isPending) return <PageLoader />;
  const typeChoices = (types.data ?? []).map((item) => ({ value: item.code, label: language === 'ar' ? item.nameAr : item.nameEn }));
  // A1–A6 but `website`, which is the portal's own (the server refuses it from staff).
  const channels = STAFF_CHANNELS.map((value) => ({ value, label: `${CHANNEL_CODES[value]} — ${t(`channels.${value}`)}` }));
  const criteria = type ? (language === 'ar' ? type.criteriaAr : type.criteriaEn) : '';
  const documents = type?.checklist.filter((item) => item.kind === 'document') ?? [];
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Group justify="space-between" gap="xs">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('family')}
            </Text>
            {family.data ? (
              <Anchor component={Link} to={`/families/${familyId}`} fw={600} underline="always">
                {family.data.headNameAr} — <Ltr>{family.data.reference}</Ltr>
              </Anchor>
            ) : (
              <Text c="red.8">{t('new.familyUnavailable')}</Text>
            )}
          </Stack>
          <Button variant="subtle" size="xs" onClick={onChangeFamily}>
            {t('new.changeFamily')}
          </Button>
        </Group>
      </Paper>
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
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('type')}
                required
                searchable
                data={typeChoices}
                value={typeCode}
                error={errors.type}
                nothingFoundMessage={t('new.noTypes')}
                onChange={(value) => {
                  setTypeCode(value);
                  setAnswers({});
                }}
              />
              <Select
                label={t('channel')}
                required
                allowDeselect={false}
                data={channels}
                value={channel}
                error={errors.channel}
                disabled={isVolunteerOnly}
                // A5 (issue 27 §3): what came by e-mail is kept with the request.
                description={channel === 'email' ? t('new.emailHint') : undefined}
                onChange={(value) => setChannel(value as RequestChannel | null)}
              />
            </SimpleGrid>
            {type && (
              <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} title={t('criteriaTitle')} data-testid="criteria">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {criteria}
                </Text>
                <Text size="xs" c="dimmed" mt={6}>
                  {t('criteriaHint')}
                </Text>
              </Alert>
            )}
            {type && (
              <AnswerFields
                items={type.checklist}
                answers={answers}
                errors={errors}
                onChange={(key: string, value: AnswerValue) => setAnswers((current) => ({ ...current, [key]: value }))}
              />
            )}
            {documents.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('new.documentsAfter')}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/requests" variant="default">
                {tc('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('new.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {preview && (
        <ChecklistPanel
          completeness={{ isChecklistSatisfied: preview.isSatisfied, isAttested: false, items: preview.items, missing: preview.missing }}
        />
      )}
    </Stack>
  );
}
