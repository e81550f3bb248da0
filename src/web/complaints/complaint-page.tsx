import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconCircleDot, IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { STEP_ABILITY } from '../../contracts/complaints.js';
import { api } from '../api/client.js';
import { CaseMessages } from '../ui/case-messages.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { SEVERITY_COLOURS, SLA_COLOURS } from '../ui/status.js';
import { NEXT_ACTION, NextStepForm, useCaseWrite } from './complaint-steps.js';
import { type CaseDetail, CHANNEL_CODES, caseFileUrl, useComplaint } from './complaints-api.js';
import { useChoiceNames } from './complaints-page.js';
import { COMPLAINTS_NS } from './i18n.js';

/** One complaint (issue 6 §5): details, scans, both clocks, the next step's form, investigation, settlement, the timeline. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const names = useChoiceNames();
  const query = useComplaint(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const detail = query.data;
  // Issue 19 §2: what this user may do with this complaint now, from the server's policy.
  const can = detail.abilities;
  const next = NEXT_ACTION[detail.step];
  const mayTakeNextStep = next !== undefined && can[STEP_ABILITY[next]];
  return (
    <Page
      title={t('page.title', { reference: detail.reference })}
      actions={
        <Button component={Link} to="/complaints" variant="default">
          {t('page.backToList')}
        </Button>
      }
    >
      <DetailHeader
        status={{ label: t(`steps.${detail.step}`), colour: 'indigo', testId: 'complaint-step' }}
        badges={
          <>
            {detail.severity && (
              <Badge size="lg" variant="light" color={SEVERITY_COLOURS[detail.severity]}>
                {t('severity')}: {t(`severities.${detail.severity}`)}
              </Badge>
            )}
            {detail.needsImmediateAction && (
              <Badge size="lg" variant="filled" color="red">
                {t('immediate')}
              </Badge>
            )}
            {detail.isAnonymous && (
              <Badge size="lg" variant="light" color="gray">
                {t('page.anonymous')}
              </Badge>
            )}
          </>
        }
        facts={
          <>
            <Fact label={t('reference')}>
              <Ltr>{detail.reference}</Ltr>
            </Fact>
            <Fact label={t('channel')}>
              <Ltr>{CHANNEL_CODES[detail.channel]}</Ltr> — {t(`channels.${detail.channel}`)}
            </Fact>
            <Fact label={t('receivedAt')}>
              <DualDay value={detail.receivedAt} withTime />
            </Fact>
            <Fact label={t('topic')} wrap>
              {names.topic(detail.topic)}
            </Fact>
            <Fact label={t('domain')} wrap>
              {detail.domain ? names.domain(detail.domain) : '—'}
            </Fact>
            <Fact label={t('assignedTo')} wrap>
              {detail.assignedTo?.displayName ?? (detail.assignedCommitteeId ? t('list.committeeOnly') : t('list.unassigned'))}
            </Fact>
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <WriterPanel detail={detail} />
        <ClockPanel detail={detail} />
      </SimpleGrid>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="what-title">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="what-title">
            {t('page.what')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="complaint-description">
            {detail.description}
          </Text>
          {detail.remedy && (
            <>
              <Text fw={600} size="sm">
                {t('page.remedy')}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.remedy}</Text>
            </>
          )}
          <Attachments detail={detail} />
        </Stack>
      </Paper>
      {mayTakeNextStep && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section">
          <NextStepForm detail={detail} />
        </Paper>
      )}
      {detail.response && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="response-title">
          <Stack gap="xs">
            <Title order={2} fz="lg" id="response-title">
              {t('page.responseSent')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.response}</Text>
            {detail.respondedAt && (
              <Text size="sm" c="dimmed">
                <DualDay value={detail.respondedAt} withTime inline />
              </Text>
            )}
            {detail.closedOutcome && <Text size="sm">{t(`outcomes.${detail.closedOutcome}`)}</Text>}
            {detail.satisfaction && <Text size="sm">{t(`satisfaction.${detail.satisfaction}`)}</Text>}
          </Stack>
        </Paper>
      )}
      {(detail.entries.length > 0 || can.addEntries) && <Investigation detail={detail} canWrite={can.addEntries} />}
      {(detail.settlement || detail.compensation || can.settle || can.escalateToCompensation) && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Settlement detail={detail} canWrite={can.settle} />
          <Compensation detail={detail} canWrite={can.escalateToCompensation} />
        </SimpleGrid>
      )}
      <CaseMessages messages={detail.messages} />
      <StepsTimeline detail={detail} />
    </Page>
  );
}

function WriterPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { writer } = detail;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="writer-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="writer-title">
          {t('page.writer')}
        </Title>
        {detail.isAnonymous && !writer.mobile && !writer.email ? (
          <Text c="dimmed">{t('page.anonymousNoContact')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
            <Fact label={t('intake.name')}>{writer.name ?? '—'}</Fact>
            <Fact label={t('intake.mobile')}>{writer.mobile ? <Ltr>{writer.mobile}</Ltr> : '—'}</Fact>
            <Fact label={t('intake.email')}>{writer.email ? <Ltr>{writer.email}</Ltr> : '—'}</Fact>
            <Fact label={t('intake.postalAddress')}>{writer.postalAddress ?? '—'}</Fact>
          </SimpleGrid>
        )}
        {writer.isMasked && (
          <Text size="sm" c="dimmed" data-testid="writer-masked">
            {t('page.writerMasked')}
          </Text>
        )}
        {detail.familyId && (
          <Anchor component={Link} to={`/families/${detail.familyId}`} underline="always" size="sm">
            {t('page.openFamily')}
          </Anchor>
        )}
        {detail.concernedStaff.length > 0 && (
          <Text size="sm">
            {t('actions.concerned')}: {detail.concernedStaff.map((s) => s.displayName).join('، ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ClockLine({ label, deadline, left }: { label: string; deadline: CaseDetail['deadline']; left: number | null }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { number } = useFormat();
  if (!deadline) return null;
  const stopped = left === null;
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label} ({t('clock.rule', { n: number(deadline.workingDays), count: deadline.workingDays })})
      </Text>
      <Group gap="xs" wrap="wrap">
        <DualDay value={deadline.day} inline />
        <Badge variant="light" color={SLA_COLOURS[deadline.state] ?? (deadline.state === 'stopped' ? 'gray' : 'teal')}>
          {t(`clock.states.${deadline.state}`)}
        </Badge>
      </Group>
      {!stopped && (
        <Text fw={700} c={left < 0 ? 'red.8' : undefined}>
          {left < 0 ? t('clock.overdue', { n: number(-left), count: -left }) : t('clock.left', { n: number(left), count: left })}
        </Text>
      )}
    </Stack>
  );
}

/** E1: the acknowledgement and resolution clocks in working days, each with days left. */
function ClockPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="clock-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="lg" id="clock-title">
            {t('clock.title')}
          </Title>
          <Badge
            variant={detail.slaState === 'breached' ? 'filled' : 'light'}
            color={SLA_COLOURS[detail.slaState]}
            data-testid="complaint-sla"
          >
            {t(`sla.${detail.slaState}`)}
          </Badge>
        </Group>
        <ClockLine label={t('clock.acknowledge')} deadline={detail.acknowledgeDeadline} left={detail.acknowledgeDaysLeft} />
        <ClockLine label={t('clock.resolve')} deadline={detail.deadline} left={detail.workingDaysLeft} />
      </Stack>
    </Paper>
  );
}

function Attachments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { number } = useFormat();
  if (detail.attachments.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('page.attachments')}
      </Text>
      {detail.attachments.map((file) => (
        <Group key={file.fileId} gap="xs">
          <Anchor href={caseFileUrl('complaint', detail.id, file.fileId)} download={file.name} size="sm">
            <Group gap={4} wrap="nowrap">
              <IconDownload size={14} aria-hidden />
              <bdi>{file.name}</bdi>
            </Group>
          </Anchor>
          <Text size="xs" c="dimmed">
            <Ltr>{number(Math.ceil(file.size / 1024))} KB</Ltr>
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** §5 investigation: notes, tasks (marked done) and evidence files. */
function Investigation({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const [kind, setKind] = useState<'note' | 'task' | 'evidence'>('note');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const base = `/complaints/${encodeURIComponent(detail.id)}`;
  const addEntry = useCaseWrite(
    detail,
    (body: { kind: 'note' | 'task'; text: string }) => api.post<CaseDetail>(`${base}/entries`, body),
    t('investigation.added'),
    () => setText(''),
  );
  const addEvidence = useCaseWrite(
    detail,
    (chosen: File) => {
      const form = new FormData();
      if (text.trim()) form.append('note', text.trim());
      form.append('file', chosen, chosen.name);
      return api.upload<CaseDetail>(`${base}/evidence`, form);
    },
    t('investigation.added'),
    () => {
      setText('');
      setFile(null);
    },
  );
  const markDone = useCaseWrite(
    detail,
    (entryId: string) => api.post<CaseDetail>(`${base}/entries/${entryId}/done`),
    t('investigation.taskDone'),
  );
  const write = kind === 'evidence' ? addEvidence : addEntry;
  const submit = () => {
    if (kind === 'evidence') {
      if (file) addEvidence.mutation.mutate(file);
      else addEvidence.setMessage(t('investigation.chooseFile'));
    } else if (!text.trim()) addEntry.setMessage(tc('errors.field.required'));
    else addEntry.mutation.mutate({ kind, text: text.trim() });
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="investigation-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="investigation-title">
          {t('investigation.title')}
        </Title>
        {detail.entries.length === 0 && <Text c="dimmed">{t('investigation.empty')}</Text>}
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="entries">
          {detail.entries.map((entry) => (
            <Stack key={entry.id} component="li" gap={2}>
              <Group gap="xs">
                <Badge size="sm" variant="light">
                  {t(`investigation.kinds.${entry.kind}`)}
                </Badge>
                {entry.kind === 'task' &&
                  (entry.doneAt ? (
                    <Badge size="sm" color="green" variant="light">
                      {t('investigation.done')}
                    </Badge>
                  ) : (
                    canWrite && (
                      <Checkbox
                        size="xs"
                        label={t('investigation.markDone')}
                        checked={false}
                        onChange={() => markDone.mutation.mutate(entry.id)}
                      />
                    )
                  ))}
              </Group>
              {entry.text && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.text}
                </Text>
              )}
              {entry.fileId && (
                <Anchor href={caseFileUrl('complaint', detail.id, entry.fileId)} size="sm">
                  <Group gap={4} wrap="nowrap">
                    <IconDownload size={14} aria-hidden />
                    {t('investigation.download')}
                  </Group>
                </Anchor>
              )}
              <Text size="xs" c="dimmed">
                {entry.by.displayName} · <DualDay value={entry.at} withTime inline />
              </Text>
            </Stack>
          ))}
        </Stack>
        <ProblemAlert message={markDone.message} onClose={() => markDone.setMessage(null)} />
        {canWrite && (
          <Stack gap="sm">
            <SegmentedControl
              value={kind}
              onChange={(value) => setKind(value as typeof kind)}
              data={[
                { value: 'note', label: t('investigation.kinds.note') },
                { value: 'task', label: t('investigation.kinds.task') },
                { value: 'evidence', label: t('investigation.kinds.evidence') },
              ]}
              aria-label={t('investigation.kind')}
            />
            <ProblemAlert message={write.message} onClose={() => write.setMessage(null)} />
            <Textarea
              label={kind === 'evidence' ? t('investigation.evidenceNote') : t(`investigation.text.${kind}`)}
              autosize
              minRows={2}
              maxLength={4000}
              value={text}
              error={write.errors.text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            {kind === 'evidence' && (
              <FileInput
                label={t('investigation.file')}
                accept="application/pdf,image/png,image/jpeg"
                value={file}
                onChange={setFile}
                clearable
              />
            )}
            <Group justify="flex-end">
              <Button
                variant="light"
                leftSection={kind === 'evidence' ? <IconUpload size={16} aria-hidden /> : undefined}
                loading={write.mutation.isPending}
                onClick={submit}
              >
                {t(`investigation.add.${kind}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** E3: an amicable settlement recorded with its terms. */
function Settlement({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const [terms, setTerms] = useState('');
  const write = useCaseWrite(
    detail,
    (body: { terms: string }) => api.post<CaseDetail>(`/complaints/${encodeURIComponent(detail.id)}/settlement`, body),
    t('settlement.saved'),
  );
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="settlement-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="settlement-title">
          {t('settlement.title')}
        </Title>
        {detail.settlement ? (
          <>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.settlement.terms}</Text>
            <Text size="sm" c="dimmed">
              <DualDay value={detail.settlement.at} withTime inline />
            </Text>
          </>
        ) : canWrite ? (
          <>
            <ProblemAlert message={write.message} onClose={() => write.setMessage(null)} />
            <Textarea
              label={t('settlement.terms')}
              description={t('settlement.hint')}
              autosize
              minRows={3}
              maxLength={4000}
              value={terms}
              error={write.errors.terms}
              onChange={(e) => setTerms(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="light" loading={write.mutation.isPending} onClick={() => write.mutation.mutate({ terms: terms.trim() })}>
                {t('settlement.save')}
              </Button>
            </Group>
          </>
        ) : (
          <Text c="dimmed">{t('settlement.none')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Escalation to a compensation case: the reason and, when it exists, the case's link. */
function Compensation({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const [reason, setReason] = useState('');
  // Issue 23: the server opens the case and links it; the client sends only the reason.
  const write = useCaseWrite(
    detail,
    (body: { reason: string }) => api.post<CaseDetail>(`/complaints/${encodeURIComponent(detail.id)}/compensation`, body),
    t('compensation.saved'),
  );
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="compensation-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="compensation-title">
          {t('compensation.title')}
        </Title>
        {detail.compensation ? (
          <>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.compensation.reason}</Text>
            {detail.compensation.link && (
              <Text size="sm">
                {/* Issue 23: the link is the case the escalation opened. */}
                <Anchor component={Link} to={`/compensation/${detail.compensation.link}`}>
                  {t('compensation.link')}
                </Anchor>
              </Text>
            )}
            <Text size="sm" c="dimmed">
              <DualDay value={detail.compensation.at} withTime inline />
            </Text>
          </>
        ) : canWrite ? (
          <>
            <ProblemAlert message={write.message} onClose={() => write.setMessage(null)} />
            <Textarea
              label={t('compensation.reason')}
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              error={write.errors.reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button
                variant="light"
                color="orange"
                loading={write.mutation.isPending}
                onClick={() => write.mutation.mutate({ reason: reason.trim() })}
              >
                {t('compensation.save')}
              </Button>
            </Group>
          </>
        ) : (
          <Text c="dimmed">{t('compensation.none')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Every step with who and when (E1); re-assignments, settlements and escalations among them. */
function StepsTimeline({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(COMPLAINTS_NS);
  const label = (step: string) => {
    const [base = step, action] = step.split(':');
    if (action) return i18n.exists(`timeline.actions.${action}`, { ns: COMPLAINTS_NS }) ? t(`timeline.actions.${action}`) : step;
    return i18n.exists(`steps.${base}`, { ns: COMPLAINTS_NS }) ? t(`steps.${base}`) : step;
  };
  const note = (text: string | null) => {
    if (!text) return null;
    const via = /^via:(.+)$/.exec(text)?.[1];
    return via && i18n.exists(`vias.${via}`, { ns: COMPLAINTS_NS }) ? t('timeline.via', { via: t(`vias.${via}`) }) : text;
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="timeline-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="timeline-title">
          {t('timeline.title')}
        </Title>
        <Timeline active={detail.steps.length - 1} bulletSize={22} lineWidth={2} data-testid="complaint-timeline">
          {detail.steps.map((step, index) => (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: two steps can share an instant
              key={`${step.at}-${index}`}
              bullet={<IconCircleDot size={12} aria-hidden />}
              title={
                <Text fw={600} size="sm">
                  {label(step.step)}
                </Text>
              }
            >
              <Text size="sm" c="dimmed">
                {step.by?.displayName ?? (step.actorKind === 'system' ? t('timeline.system') : t('timeline.writer'))} ·{' '}
                <DualDay value={step.at} withTime inline />
              </Text>
              {step.note && (
                <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                  {note(step.note)}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}
