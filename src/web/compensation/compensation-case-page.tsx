import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatRiyals } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { CaseMessages } from '../ui/case-messages.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type CompensationDetail, casePath, useCase, useCaseWrite } from './compensation-api.js';
import { NegotiationSection } from './compensation-negotiation.js';
import { RulingsSection } from './compensation-rulings.js';
import { PaymentsSection, SettlementSection } from './compensation-settlement.js';
import { COMPENSATION_STATUS_COLOURS } from './compensation-status.js';
import { COMPENSATION_NS } from './i18n.js';

/**
 * One compensation case (issue 23): its facts and step, the guard (what established the harm, or
 * why money cannot be discussed yet), rulings, negotiation rounds, the settlement and payments, the
 * steps taken and the family's messages. Each section shows only what the case's step allows; the
 * server checks every write again.
 */
export function CompensationCasePage() {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const { id = '' } = useParams();
  const query = useCase(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const detail = query.data;
  return (
    <Page title={`${t('facts.reference')} ${detail.reference}`}>
      <Stack gap="lg">
        <CaseHeader detail={detail} />
        <GuardSection detail={detail} />
        <RulingsSection detail={detail} />
        <NegotiationSection detail={detail} />
        <SettlementSection detail={detail} />
        <PaymentsSection detail={detail} />
        <StepsSection detail={detail} />
        <CaseMessages messages={detail.messages} />
      </Stack>
    </Page>
  );
}

function CaseHeader({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { language } = useLanguage();
  return (
    <DetailHeader
      status={{ label: t(`status.${detail.status}`), colour: COMPENSATION_STATUS_COLOURS[detail.status], testId: 'compensation-status' }}
      facts={
        <>
          <Fact label={t('facts.reference')}>
            <Ltr>{detail.reference}</Ltr>
          </Fact>
          <Fact label={t('facts.family')}>
            <Anchor component={Link} to={`/families/${detail.family.id}`}>
              {detail.family.name}
            </Anchor>
          </Fact>
          <Fact label={t('facts.origin')}>{t(`origin.${detail.origin}`)}</Fact>
          {detail.complaint && (
            <Fact label={t('facts.complaint')}>
              <Anchor component={Link} to={`/complaints/${detail.complaint.id}`}>
                <Ltr>{detail.complaint.reference}</Ltr>
              </Anchor>
            </Fact>
          )}
          {detail.amountAskedHalalas !== null && <Fact label={t('facts.asked')}>{formatRiyals(detail.amountAskedHalalas, language)}</Fact>}
          {detail.committee && (
            <Fact label={t('facts.committee')}>{language === 'ar' ? detail.committee.nameAr : detail.committee.nameEn}</Fact>
          )}
          <Fact label={t('facts.opened')}>
            <DualDay value={detail.openedAt} />
          </Fact>
          <Fact label={t('facts.claim')} wrap>
            {detail.claim}
          </Fact>
          {detail.originReason && (
            <Fact label={t('facts.reason')} wrap>
              {detail.originReason}
            </Fact>
          )}
          {detail.outcomeReasons && (
            <Fact label={t('facts.outcomeReasons')} wrap>
              {detail.outcomeReasons}
            </Fact>
          )}
        </>
      }
      actions={<TransitionForm detail={detail} />}
    />
  );
}

const TRANSITIONS = ['begin-investigation', 'withdraw', 'fail-negotiation', 'close'] as const;
type Transition = (typeof TRANSITIONS)[number];

/** The moves with no record of their own; withdrawing, a failed negotiation and closing say why. */
function TransitionForm({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const available = TRANSITIONS.filter((action) => (detail.actions as readonly string[]).includes(action));
  const [action, setAction] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const write = useCaseWrite(detail.id, (body: { action: Transition; reason?: string }) =>
    api.post<CompensationDetail>(casePath(detail.id, '/transitions'), body),
  );
  if (!available.length) return null;
  const chosen = action ?? available[0];
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        label={t('actions.label')}
        data={available.map((value) => ({ value, label: t(`actions.${value}`) }))}
        value={chosen}
        onChange={(value) => setAction((value as Transition) ?? null)}
        allowDeselect={false}
      />
      {chosen !== 'begin-investigation' && (
        <Textarea
          label={t('actions.reason')}
          autosize
          minRows={1}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      <Button
        variant="light"
        loading={write.isPending}
        onClick={() =>
          chosen &&
          write.mutate(
            { action: chosen, ...(reason.trim() ? { reason: reason.trim() } : {}) },
            { onSuccess: () => notifySuccess(t('actions.done')), onError: (error) => notifyError(errorMessage(tc, error)) },
          )
        }
      >
        {t('actions.confirm')}
      </Button>
    </Group>
  );
}

/** D1–D3: what established the harm, or why no money can be discussed yet. */
function GuardSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { language } = useLanguage();
  const e = detail.establishment;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="guard-title">
      <Stack gap="xs">
        <Title order={2} fz="lg" id="guard-title">
          {t('guard.title')}
        </Title>
        {!e ? (
          <Text c="dimmed">{t('guard.waiting')}</Text>
        ) : (
          <>
            <Group gap="xs">
              <Badge variant="light">{t(e.basis === 'minutes' ? 'guard.byMinutes' : 'guard.byRuling')}</Badge>
              <DualDay value={e.at} inline />
            </Group>
            {e.harm && <Text>{`${t('guard.harm')}: ${e.harm}`}</Text>}
            {e.size && <Text>{`${t('guard.size')}: ${e.size}`}</Text>}
            {e.causes && <Text>{`${t('guard.causes')}: ${e.causes}`}</Text>}
            {e.amountHalalas !== null && (
              <Text>
                {t('guard.amount')}: {formatRiyals(e.amountHalalas, language)}
              </Text>
            )}
            {e.isAmountFixed && <Text c="orange">{t('guard.fixed')}</Text>}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function StepsSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="steps-title">
      <Title order={2} fz="lg" id="steps-title" mb="sm">
        {t('steps.title')}
      </Title>
      <Stack gap={4} component="ol" m={0} ps="md">
        {detail.steps.map((step) => (
          <Text component="li" key={`${step.at}-${step.action}-${step.status}`} size="sm">
            {t(`status.${step.status}`)} — {step.by?.name ?? '—'} — <DualDay value={step.at} withTime inline />
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
