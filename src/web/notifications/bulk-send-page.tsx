import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconListSearch, IconPlayerStop } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MESSAGE_STATES, type MessageState } from '../../domain/message-state.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { MESSAGE_STATE_COLOURS, MessageStateBadge } from '../ui/case-messages.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DefinitionList, Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useActiveRequestTypes } from '../ui/request-types.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { useListParams, Worklist } from '../ui/worklist.js';
import { AudienceWords, BULK_STATUS_COLOURS, BulkProgress, useAudienceWords } from './bulk-send-parts.js';
import { type BulkResult, type BulkSend, useBulkResults, useBulkSend, useCancelBulkSend } from './bulk-sends-api.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';

const COUNT_KEYS = ['queued', 'skippedConsent', 'skippedNoChannel', 'skippedPaper', 'paper'] as const;

/**
 * One bulk send (issue 20 §2, G3): its status and progress (re-read every 2.5 s while it works),
 * what became of each family — queued, skipped for no consent (F2), no reachable channel, or on
 * letter/phone not included — where its messages are in the outbox, and cancel while it works.
 */
export function BulkSendPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const query = useBulkSend(id);
  const [isCancelling, setCancelling] = useState(false);
  const cancel = useCancelBulkSend(id);

  if (!hasRole(me.roles, 'administrator', 'management')) return <NotAllowed />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const send = query.data;
  const canCancel = send.abilities.cancel;

  return (
    <Page
      title={send.name}
      actions={
        <Button component={Link} to="/bulk-sends" variant="default" leftSection={<IconArrowRight size={18} aria-hidden />}>
          {t('bulk.back')}
        </Button>
      }
    >
      <BulkHeader
        send={send}
        actions={
          canCancel && (
            <Group>
              <Button
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={18} aria-hidden />}
                onClick={() => setCancelling(true)}
              >
                {t('bulk.cancel')}
              </Button>
            </Group>
          )
        }
      />
      <BulkCounts send={send} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="bulk-text-title">
        <Title order={2} size="h4" id="bulk-text-title" mb="xs">
          {t('bulk.textTitle')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }} lang="ar" dir="rtl">
          {send.textAr}
        </Text>
      </Paper>
      <BulkResultsSection send={send} />
      <ConfirmDialog
        opened={isCancelling}
        title={t('bulk.cancelTitle')}
        message={t('bulk.cancelMessage', { name: send.name })}
        confirmLabel={t('bulk.cancel')}
        color="red"
        isPending={cancel.isPending}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              setCancelling(false);
              notifySuccess(t('bulk.cancelledNotice'));
            },
            onError: (error) => {
              setCancelling(false);
              notifyError(errorMessage(tc, error));
            },
          })
        }
        onClose={() => setCancelling(false)}
      />
    </Page>
  );
}

function BulkHeader({ send, actions }: { send: BulkSend; actions: ReactNode }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { language } = useLanguage();
  const labels = useMessageLabels();
  const taxonomy = useTaxonomyLabels();
  const types = useActiveRequestTypes();
  const words = useAudienceWords();
  const requestType = (code: string) => {
    const type = types.data?.find((candidate) => candidate.code === code);
    return type ? (language === 'ar' ? type.nameAr : type.nameEn) : code;
  };
  return (
    <DetailHeader
      status={{ label: t(`bulk.statuses.${send.status}`), colour: BULK_STATUS_COLOURS[send.status], testId: 'bulk-status' }}
      facts={
        <>
          <Fact label={t('bulk.facts.event')}>{labels.event(send.event)}</Fact>
          <Fact label={t('bulk.facts.created')}>
            <DualDay value={send.createdAt} withTime />
          </Fact>
          <Fact label={t('bulk.facts.scheduledAt')}>
            <DualDay value={send.scheduledAt} withTime />
          </Fact>
          {send.startedAt && (
            <Fact label={t('bulk.facts.startedAt')}>
              <DualDay value={send.startedAt} withTime />
            </Fact>
          )}
          {send.finishedAt && (
            <Fact label={t('bulk.facts.finishedAt')}>
              <DualDay value={send.finishedAt} withTime />
            </Fact>
          )}
          {send.cancelledAt && (
            <Fact label={t('bulk.facts.cancelledAt')}>
              <DualDay value={send.cancelledAt} withTime />
            </Fact>
          )}
          <Fact label={t('bulk.facts.audience')}>
            <AudienceWords parts={words(send.audience, { ...taxonomy, requestType })} />
          </Fact>
          <Fact label={t('bulk.facts.includePaper')}>{t(send.includePaper ? 'bulk.facts.included' : 'bulk.facts.notIncluded')}</Fact>
        </>
      }
      actions={
        <Stack gap="sm">
          <div>
            <Text size="sm" c="dimmed" mb={4}>
              {t('bulk.colProgress')}
            </Text>
            <BulkProgress send={send} size="lg" />
          </div>
          {actions}
        </Stack>
      }
    />
  );
}

function BulkCounts({ send }: { send: BulkSend }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const states = MESSAGE_STATES.filter((state) => (send.messages[state] ?? 0) > 0);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="bulk-counts-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="bulk-counts-title">
          {t('bulk.countsTitle', { families: t('bulk.families', { count: send.counts.total, n: number(send.counts.total) }) })}
        </Title>
        <DefinitionList columns={3}>
          {COUNT_KEYS.map((key) => (
            <Fact key={key} label={t(`bulk.counts.${key}`)}>
              <span data-testid={`bulk-count-${key}`}>{number(send.counts[key])}</span>
            </Fact>
          ))}
        </DefinitionList>
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('bulk.messagesTitle')}
          </Title>
          {states.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('bulk.noMessages')}
            </Text>
          ) : (
            <Group gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="bulk-message-states">
              {states.map((state) => (
                <li key={state} data-state={state}>
                  <Badge color={MESSAGE_STATE_COLOURS[state]} variant="light" size="lg" style={{ textTransform: 'none' }}>
                    {tc(`caseMessages.states.${state}`)}: <Ltr>{number(send.messages[state] ?? 0)}</Ltr>
                  </Badge>
                </li>
              ))}
            </Group>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

function BulkResultsSection({ send }: { send: BulkSend }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const params = useListParams();
  const raw = params.get('state');
  const state = MESSAGE_STATES.includes(raw as MessageState) ? (raw as MessageState) : undefined;
  const results = useBulkResults(send.id, state, `${send.status}:${send.counts.processed}`);
  const labels = useMessageLabels();
  const family = (item: BulkResult) =>
    item.familyId ? (
      <Anchor component={Link} to={`/families/${item.familyId}`} fw={600}>
        <Ltr>{item.reference ?? item.familyId}</Ltr>
      </Anchor>
    ) : (
      '—'
    );
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="bulk-results-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="bulk-results-title">
          {t('bulk.resultsTitle')}
        </Title>
        <Select
          label={t('bulk.resultsState')}
          maw={320}
          value={state ?? ''}
          allowDeselect={false}
          data={[{ value: '', label: t('all') }, ...MESSAGE_STATES.map((value) => ({ value, label: tc(`caseMessages.states.${value}`) }))]}
          onChange={(value) => params.merge({ state: value ?? undefined })}
        />
        <Worklist
          query={results}
          empty={{
            title: t(send.status === 'scheduled' ? 'bulk.resultsNotYet' : 'bulk.resultsEmpty'),
            icon: <IconListSearch size={32} aria-hidden />,
          }}
          moreLabel={t('loadMore')}
          label={t('bulk.resultsTitle')}
          minWidth={640}
          rowKey={(item) => item.messageId}
          rowHref={(item) => `/families/${item.familyId ?? ''}`}
          rowTestId="bulk-result"
          rowAttributes={(item) => ({ 'data-family': item.familyId ?? '', 'data-state': item.state })}
          columns={[
            { key: 'family', header: t('bulk.colFamily'), cell: family },
            { key: 'channel', header: t('colChannel'), cell: (item) => labels.channel(item.channel) },
            { key: 'state', header: t('bulk.colResult'), cell: (item) => <MessageStateBadge message={item} /> },
            { key: 'sent', header: t('sentAt'), cell: (item) => (item.sentAt ? <DualDay value={item.sentAt} withTime /> : '—') },
          ]}
          card={{
            reference: (item) => item.reference ?? item.familyId ?? '—',
            name: (item) => labels.channel(item.channel),
            status: (item) => <MessageStateBadge message={item} />,
          }}
        />
      </Stack>
    </Paper>
  );
}
