import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CaseMessages } from '../ui/case-messages.js';
import { channelLabel } from '../ui/channel-filter.js';
import { DefinitionList, Fact } from '../ui/definition-list.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { caseStepColour, SLA_COLOURS } from '../ui/status.js';
import { INQUIRIES_NS } from './i18n.js';
import { type CaseDetail, useCaseLabels, useInquiry } from './inquiries-api.js';
import { InquiryActions } from './inquiry-actions.js';

/** Hours between receipt and answer, said in hours under two days and in days after. */
export function useDuration() {
  const { t } = useTranslation(INQUIRIES_NS);
  const { number } = useFormat();
  return (hours: number) => {
    if (hours < 1) return t('duration.underHour');
    if (hours < 48) {
      const n = Math.round(hours);
      return t('duration.hours', { n: number(n), count: n });
    }
    const n = Math.round(hours / 24);
    return t('duration.days', { n: number(n), count: n });
  };
}

/** One inquiry (issue 6 §7; C1, G1, G2): the question, its routing, its clock, the answer and the steps. */
export function InquiryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(INQUIRIES_NS);
  const { t: tc } = useTranslation();
  const query = useInquiry(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const inquiry = query.data;
  return (
    <Page
      title={t('page.title', { reference: inquiry.reference })}
      actions={
        <Group gap="xs">
          <Badge size="lg" variant="light" color={caseStepColour(inquiry.step, 'gray')}>
            {t(`steps.${inquiry.step}`)}
          </Badge>
          <Badge size="lg" variant="outline" color={SLA_COLOURS[inquiry.slaState]}>
            {t(`sla.${inquiry.slaState}`)}
          </Badge>
        </Group>
      }
    >
      <Anchor component={Link} to="/inquiries" size="sm">
        {t('page.back')}
      </Anchor>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Question inquiry={inquiry} />
        <Stack gap="lg">
          <Routing inquiry={inquiry} />
          <Clock inquiry={inquiry} />
        </Stack>
      </SimpleGrid>
      <InquiryActions inquiry={inquiry} />
      {inquiry.response && <Answer inquiry={inquiry} />}
      <CaseMessages messages={inquiry.messages} />
      <Steps inquiry={inquiry} />
    </Page>
  );
}

function Question({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const labels = useCaseLabels();
  const { writer } = inquiry;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inquiry-question">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="inquiry-question">
          {t('page.question')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="inquiry-description">
          {inquiry.description}
        </Text>
        <DefinitionList columns={2}>
          <Fact label={t('topic')}>{labels.topic(inquiry.topic)}</Fact>
          <Fact label={t('domain')}>{labels.domain(inquiry.domain) ?? t('page.noDomain')}</Fact>
          {/* A1–A6: the clause with the channel (A5: website and e-mail alike; issue 27 §3). */}
          <Fact label={t('channel')}>{channelLabel(inquiry.channel, (c) => t(`channels.${c}`))}</Fact>
          <Fact label={t('page.language')}>{t(`languages.${inquiry.language}`)}</Fact>
          <Fact label={t('page.writer')}>{writer.name ?? t('page.noName')}</Fact>
          <Fact label={t('page.contact')}>
            {writer.mobile || writer.email ? (
              <Ltr>{[writer.mobile, writer.email].filter(Boolean).join(' · ')}</Ltr>
            ) : (
              (writer.postalAddress ?? t('page.noContact'))
            )}
          </Fact>
          {writer.isMasked && (
            <Text size="sm" c="dimmed" data-testid="writer-masked" style={{ gridColumn: '1 / -1' }}>
              {t('page.writerMasked')}
            </Text>
          )}
          {inquiry.familyId && (
            <Fact label={t('page.family')}>
              <Anchor component={Link} to={`/families/${inquiry.familyId}`}>
                {t('page.openFamily')}
              </Anchor>
            </Fact>
          )}
        </DefinitionList>
        {inquiry.attachments.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('page.attachments')}
            </Text>
            <List size="sm">
              {inquiry.attachments.map((file) => (
                <List.Item key={file.fileId}>
                  <Anchor href={`/api/v1/inquiries/${inquiry.id}/files/${file.fileId}`}>{file.name}</Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** G1: to whom and why — the register's rule that matched, a backup standing in, or a queue. */
function Routing({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const [rule, why] = (inquiry.routeRule ?? '').split(':');
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inquiry-routing">
      <Stack gap="xs">
        <Title order={2} fz="lg" id="inquiry-routing">
          {t('page.routing')}
        </Title>
        <Text fw={700} data-testid="inquiry-handler">
          {inquiry.officer ? inquiry.officer.displayName : t(`queues.${inquiry.queue ?? 'general'}`)}
        </Text>
        <Text size="sm" data-testid="inquiry-route-rule">
          {rule ? t(`rules.${rule}`) : t('rules.none')}
          {why === 'backup' && ` ${t('rules.backup')}`}
          {why === 'out-of-scope' && ` ${t('rules.outOfScope')}`}
        </Text>
      </Stack>
    </Paper>
  );
}

function Clock({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { number } = useFormat();
  const duration = useDuration();
  const hours = inquiry.respondedAt ? (Date.parse(inquiry.respondedAt) - Date.parse(inquiry.receivedAt)) / 3600_000 : null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inquiry-clock">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="inquiry-clock">
          {t('page.clock')}
        </Title>
        <DefinitionList columns={2}>
          <Fact label={t('receivedAt')}>
            <DualDay value={inquiry.receivedAt} withTime />
          </Fact>
          {inquiry.deadline && (
            <Fact label={t('deadline')}>
              <DualDay value={inquiry.deadline.day} />
            </Fact>
          )}
          <Fact label={t('page.responseTime')}>
            <span data-testid="inquiry-response-time">{hours === null ? t('page.notAnswered') : duration(hours)}</span>
          </Fact>
        </DefinitionList>
        {inquiry.deadline && (
          <Text size="sm" c="dimmed">
            {t('page.clockRule', { n: number(inquiry.deadline.workingDays), count: inquiry.deadline.workingDays })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Answer({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inquiry-answer">
      <Stack gap="xs">
        <Title order={2} fz="lg" id="inquiry-answer">
          {t('page.answer')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="inquiry-answer-text">
          {inquiry.response}
        </Text>
        <Text size="sm" c="dimmed">
          {inquiry.answerTemplate ? t('page.fromTemplate') : t('page.freeText')} · {t('page.sentOutbox')}
        </Text>
      </Stack>
    </Paper>
  );
}

function Steps({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inquiry-steps">
      <Stack gap="xs">
        <Title order={2} fz="lg" id="inquiry-steps">
          {t('page.steps')}
        </Title>
        <List spacing="xs" size="sm">
          {inquiry.steps.map((step) => (
            <List.Item key={`${step.step}-${step.at}`}>
              <Text span fw={600}>
                {t(`steps.${step.step.split(':')[0]}`)}
              </Text>{' '}
              — <DualDay value={step.at} withTime inline /> —{' '}
              {step.by ? step.by.displayName : step.actorKind === 'anonymous' ? t('page.byWriter') : t('page.bySystem')}
              {step.note && !step.note.startsWith('via:') && (
                <Text size="sm" c="dimmed">
                  {step.note}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
