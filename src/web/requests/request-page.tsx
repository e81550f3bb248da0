import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CaseMessages, MessageStateBadge } from '../ui/case-messages.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { REQUEST_STATUS_COLOURS } from '../ui/status.js';
import { AnswersPanel } from './answers-panel.js';
import { AttestationPanel, voidedAttestation } from './attestation-panel.js';
import { ChecklistPanel } from './checklist-panel.js';
import { DocumentsPanel } from './documents-panel.js';
import { REQUESTS_NS } from './i18n.js';
import { RequestActions } from './request-actions.js';
import { RequestClock } from './request-clock.js';
import { CHANNEL_CODES } from './request-create-page.js';
import { RequestHistory } from './request-history.js';
import { useServiceRequest } from './requests-api.js';

const OUTCOME_COLOURS = { approved: 'green', 'partly-approved': 'yellow', rejected: 'red' } as const;

/** One request: its data, checklist, documents, attestation, clock, decision and history. */
export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useServiceRequest(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const request = query.data;
  const typeName = language === 'ar' ? request.typeNameAr : request.typeNameEn;
  // Issue 20 §5 (C5): "decided" says whether the family has been told yet — only a sent message tells it.
  const decisionMessage = request.messages.findLast((m) => m.event === 'request.decided');
  const statusLabel =
    request.status === 'decided' && decisionMessage
      ? t(`decidedWithMessage.${decisionMessage.state}`, { defaultValue: t('statuses.decided') })
      : t(`statuses.${request.status}`);
  return (
    <Page
      title={t('page.title', { type: typeName })}
      actions={
        <Button component={Link} to="/requests" variant="default">
          {t('page.backToList')}
        </Button>
      }
    >
      <DetailHeader
        status={{ label: statusLabel, colour: REQUEST_STATUS_COLOURS[request.status], testId: 'request-status' }}
        badges={
          <>
            {request.completeness.isAttested && (
              <Badge size="lg" variant="light" color="green">
                {t('attestation.attestedShort')}
              </Badge>
            )}
            {voidedAttestation(request) && (
              <Badge size="lg" variant="light" color="red">
                {t('attestation.voidedShort')}
              </Badge>
            )}
          </>
        }
        facts={
          <>
            <Fact label={t('reference')}>
              <Ltr>{request.reference}</Ltr>
            </Fact>
            <Fact label={t('family')}>
              <Anchor component={Link} to={`/families/${request.familyId}`} underline="always">
                {request.familyName}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                (<Ltr>{request.familyReference}</Ltr>)
              </Text>
            </Fact>
            <Fact label={t('channel')}>
              <Ltr>{CHANNEL_CODES[request.channel]}</Ltr> — {t(`channels.${request.channel}`)}
            </Fact>
            {request.typeVersion !== null && (
              // B5, C2 (issue 26 §3): the type's version this request was filed under, and its public form.
              <Fact label={t('typeVersion')}>
                <Anchor href={`/documents/forms/${request.typeCode}`} target="_blank" underline="always">
                  {t('typeVersionValue', { n: request.typeVersion })}
                </Anchor>
              </Fact>
            )}
            <Fact label={t('createdAt')}>
              <DualDay value={request.createdAt} withTime />
            </Fact>
            {request.submittedAt && (
              <Fact label={t('submittedAt')}>
                <DualDay value={request.submittedAt} withTime />
              </Fact>
            )}
          </>
        }
        actions={<RequestActions request={request} />}
      />
      {request.decision && (
        <Alert
          variant="light"
          color={OUTCOME_COLOURS[request.decision.outcome]}
          title={t(`outcomes.${request.decision.outcome}`)}
          role="status"
          data-testid="request-decision"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('decisionReasons')}: {request.decision.reasons}
          </Text>
          {decisionMessage && (
            <Group gap="xs" mt={4} data-testid="decision-message">
              <Text size="sm">{t('decisionMessage')}:</Text>
              <MessageStateBadge message={decisionMessage} />
            </Group>
          )}
          <Text size="sm" c="dimmed" mt={4}>
            <DualDay value={request.decision.decidedAt} withTime inline />
            {request.decision.minutesId && (
              <>
                {' · '}
                <Anchor component={Link} to={`/minutes/${request.decision.minutesId}`} size="sm" underline="always">
                  {t('openMinutes')}
                </Anchor>
              </>
            )}
          </Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChecklistPanel completeness={request.completeness} />
        <RequestClock deadline={request.deadline} slaState={request.slaState} history={request.history} />
      </SimpleGrid>
      <Alert variant="light" color="blue" title={t('criteriaTitle')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {language === 'ar' ? request.type.criteriaAr : request.type.criteriaEn}
        </Text>
      </Alert>
      <AnswersPanel key={request.version} request={request} />
      <DocumentsPanel request={request} />
      <AttestationPanel request={request} />
      <CaseMessages messages={request.messages} />
      <RequestHistory history={request.history} />
    </Page>
  );
}
