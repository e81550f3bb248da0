import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import { CaseMessages } from '../ui/case-messages.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { AccessCopyPanel } from './access-copy-panel.js';
import { PRIVACY_NS } from './i18n.js';
import { type PrivacyRequestDetail, requestPath, useRequest, useRequestStep } from './privacy-api.js';
import { ErasureHandOffSection } from './privacy-erasure.js';
import { RequestActions } from './privacy-request-actions.js';
import { RequestDeadline, STATUS_COLOURS } from './privacy-requests-page.js';

/** F2 (issue 25 §2): one data-subject request — who asked and how they were verified, its clock in both calendars, its answer and messages, and the steps left. */
export function PrivacyRequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const query = useRequest(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const request = query.data;
  return (
    <Page title={`${t(`kind.${request.kind}`)} — ${request.reference}`}>
      <DetailHeader
        status={{ label: t(`status.${request.status}`), colour: STATUS_COLOURS[request.status] ?? 'gray', testId: 'privacy-status' }}
        facts={
          <>
            <Fact label={t('detail.requester')}>
              {request.familyId ? (
                <Anchor component={Link} to={`/families/${request.familyId}`}>
                  {request.requesterLabel}
                </Anchor>
              ) : (
                request.requesterLabel
              )}
              {request.requesterName ? ` — ${request.requesterName}` : ''}
            </Fact>
            <Fact label={t('detail.relation')}>{t(`relation.${request.relation}`)}</Fact>
            <Fact label={t('detail.channel')}>{t(`channel.${request.channel}`)}</Fact>
            <Fact label={t('detail.received')}>
              <DualDay value={request.receivedDay.day} />
            </Fact>
            <Fact label={t('detail.deadline')}>
              <RequestDeadline item={request} />
            </Fact>
          </>
        }
      />
      {request.details && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="h4" mb="xs">
            {t('detail.details')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{request.details}</Text>
        </Paper>
      )}
      <Facts request={request} />
      <CorrectionAndErasure request={request} />
      <RequestActions request={request} />
      <AccessCopyPanel request={request} />
      <CaseMessages messages={request.messages} />
    </Page>
  );
}

function Facts({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('detail.verification')}
        </Title>
        {request.verification ? (
          <Text data-testid="privacy-verification">
            {t('detail.verifiedBy', { method: t(`method.${request.verification.method}`), by: request.verification.by ?? '' })}{' '}
            {t('detail.at')} <DualDay value={request.verification.at} withTime inline />
            {request.verification.note ? ` — ${request.verification.note}` : ''}
          </Text>
        ) : (
          <Text c="dimmed">{t('detail.notVerified')}</Text>
        )}
        {request.extension && <Text>{t('detail.extendedTo', { reason: request.extension.reason })}</Text>}
        {request.answer && (
          <>
            <Title order={2} fz="h4">
              {t('detail.answer')}
            </Title>
            {request.answer.refusalReason && <Badge color="gray">{t(`refusal.${request.answer.refusalReason}`)}</Badge>}
            {request.answer.text && <Text style={{ whiteSpace: 'pre-wrap' }}>{request.answer.text}</Text>}
            <Text size="sm" c="dimmed">
              {request.answer.by} — <DualDay value={request.answer.at} withTime inline />
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Issue 25 §4, §5: a correction goes through the family's usual edit; an erasure is handed to the erasure area. */
function CorrectionAndErasure({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const link = useRequestStep(request.id, () => api.post<PrivacyRequestDetail>(requestPath(request.id, '/correction-link')));
  if (request.correction)
    return (
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {t('detail.correction')}
          </Title>
          <Text size="sm">{t('detail.correctionHint')}</Text>
          <Group gap="sm">
            <Button component={Link} to={request.correction.editPath} variant="light">
              {t('detail.openEdit')}
            </Button>
            {request.abilities.linkCorrection && !request.correction.linkedAt && (
              <Button
                variant="default"
                loading={link.isPending}
                onClick={() =>
                  link.mutate(undefined, {
                    onSuccess: () => notifySuccess(t('detail.correctionLinked')),
                    onError: (e) => notifyError(errorMessage(tc, e)),
                  })
                }
              >
                {t('detail.linkCorrection')}
              </Button>
            )}
          </Group>
          {request.correction.linkedAt && (
            <Text size="sm">
              {t('detail.correctionLinked')} — {request.correction.linkedBy} <DualDay value={request.correction.linkedAt} withTime inline />
            </Text>
          )}
        </Stack>
      </Paper>
    );
  if (request.erasure)
    return request.erasure.handOffPath ? (
      <Button component={Link} to={request.erasure.handOffPath} variant="light" w="fit-content">
        {t('detail.erasureHandOff')}
      </Button>
    ) : (
      <ErasureHandOffSection request={request} />
    );
  return null;
}
