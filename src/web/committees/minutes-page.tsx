import { Alert, Anchor, Badge, Button, Code, Group, List, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLock, IconPrinter, IconSignature, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { amendMinutesBody, type Minutes, updateMinutesBody } from '../../contracts/committees.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { LIST_SEPARATOR } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { ScrollTable } from '../ui/worklist.js';
import { HarmFindingText, OUTCOME_COLOURS } from './agenda-item.js';
import { committeeKeys, minutesPrintUrl, useMinutes } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

/**
 * A meeting's minutes (C5): the Arabic text, each decision with its reasons, each present member's
 * approval; frozen once all approved (a SHA-256 of the text kept) and only amended by a new record.
 */
export function MinutesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const minutes = useMinutes(id);
  const approve = useMutation({
    // The approval names the text the member read; a draft changed meanwhile answers 409 minutes.changed.
    mutationFn: (sha256: string) => api.post<Minutes>(`/minutes/${encodeURIComponent(id)}/approvals`, { sha256 }),
    onSuccess: (updated) => {
      queryClient.setQueryData(committeeKeys.minutes(id), updated);
      void queryClient.invalidateQueries({ queryKey: committeeKeys.all });
      notifySuccess(updated.status === 'frozen' ? t('minutesFrozenNow') : t('minutesApproved'));
    },
    // Said beside the button (not a passing toast): why the minutes cannot freeze yet stays in view.
    onError: () => void queryClient.invalidateQueries({ queryKey: committeeKeys.minutes(id) }),
  });
  if (minutes.isPending) return <PageLoader />;
  if (minutes.isError) return <LoadFailure message={errorMessage(tc, minutes.error)} />;
  const data = minutes.data;
  const isFrozen = data.status === 'frozen';
  return (
    <Page
      title={data.amendsId ? t('amendmentTitle') : t('minutesTitle')}
      actions={
        <Group gap="xs">
          <Button component={Link} to={`/meetings/${data.meetingId}`} variant="default">
            {t('backToMeeting')}
          </Button>
          <Button
            component="a"
            href={minutesPrintUrl(data.id)}
            target="_blank"
            rel="noopener"
            variant="light"
            leftSection={<IconPrinter size={16} aria-hidden />}
          >
            {t('printMinutes')}
          </Button>
        </Group>
      }
    >
      {isFrozen ? (
        <Alert color="indigo" variant="light" icon={<IconLock aria-hidden />} title={t('frozenTitle')} role="status">
          <Stack gap={4}>
            <Text size="sm">
              {t('frozenBody')} {data.frozenAt && <DualDay value={data.frozenAt} withTime inline />}
            </Text>
            <Text size="xs">
              {t('fingerprint')}: <Code style={{ wordBreak: 'break-all' }}>{data.sha256}</Code>
            </Text>
          </Stack>
        </Alert>
      ) : (
        <Alert color="yellow" variant="light" title={t('draftTitle')} role="status">
          {t('draftBody')}
        </Alert>
      )}
      {!isFrozen && <Blockers minutes={data} />}
      <Links minutes={data} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('minutesText')}
          </Title>
          <Text component="div" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }} data-testid="minutes-text">
            {data.text}
          </Text>
          {data.notes && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {t('notes')}: {data.notes}
            </Text>
          )}
        </Stack>
      </Paper>
      <Decisions minutes={data} />
      <Approvals
        minutes={data}
        onApprove={() => approve.mutate(data.sha256)}
        isApproving={approve.isPending}
        approveError={approve.isError ? errorMessage(tc, approve.error) : null}
      />
      {data.can.edit && !isFrozen && <NotesForm minutes={data} />}
      {data.can.amend && isFrozen && <AmendForm minutes={data} />}
    </Page>
  );
}

/** Why a draft cannot freeze yet (C5): members present who can no longer approve; decided requests that moved on. */
function Blockers({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tr } = useTranslation();
  const { language } = useLanguage();
  const inactive = minutes.pending.filter((p) => !p.isActive);
  return (
    <>
      {inactive.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconUserOff aria-hidden />} title={t('inactiveTitle')} role="status">
          {t('inactiveBody', { names: inactive.map((p) => p.displayName).join(LIST_SEPARATOR[language]) })}
        </Alert>
      )}
      {minutes.moved.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('movedTitle')} role="status">
          <Stack gap={4}>
            <Text size="sm">{t('movedBody')}</Text>
            <List size="sm">
              {minutes.moved.map((m) => (
                <List.Item key={`${m.subjectKind}:${m.subjectId}`}>
                  {m.subjectKind === 'request' ? (
                    <Anchor component={Link} to={`/requests/${m.subjectId}`}>
                      <Ltr>{m.reference}</Ltr>
                    </Anchor>
                  ) : (
                    <Ltr>{m.reference}</Ltr>
                  )}{' '}
                  — {tr(`requestStatuses.${m.status}`, { defaultValue: m.status })}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
    </>
  );
}

function Links({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation(COMMITTEES_NS);
  if (!minutes.amendsId && minutes.amendedBy.length === 0) return null;
  return (
    <Stack gap={4}>
      {minutes.amendsId && (
        <Text size="sm">
          {t('amends')}{' '}
          <Anchor component={Link} to={`/minutes/${minutes.amendsId}`} underline="always">
            {t('originalMinutes')}
          </Anchor>
        </Text>
      )}
      {minutes.amendedBy.map((amendmentId, index) => (
        <Text size="sm" key={amendmentId}>
          {t('amendedBy')}{' '}
          <Anchor component={Link} to={`/minutes/${amendmentId}`} underline="always">
            {t('amendmentN', { n: index + 1 })}
          </Anchor>
        </Text>
      ))}
    </Stack>
  );
}

function Decisions({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation(COMMITTEES_NS);
  if (minutes.decisions.length === 0) return null;
  return (
    <Paper withBorder radius="md">
      <ScrollTable minWidth={640} label={t('decisions')}>
        <Table verticalSpacing="sm" striped captionSide="top">
          <Table.Caption style={{ textAlign: 'start' }}>{t('decisions')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reference')}</Table.Th>
              <Table.Th scope="col">{t('requestType')}</Table.Th>
              <Table.Th scope="col">{t('decision')}</Table.Th>
              <Table.Th scope="col">{t('reasons')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {minutes.decisions.map((decision) => (
              <Table.Tr key={`${decision.subjectKind}:${decision.subjectId}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    component={Link}
                    to={decision.subjectKind === 'compensation' ? `/compensation/${decision.subjectId}` : `/requests/${decision.requestId}`}
                  >
                    <Ltr>{decision.reference}</Ltr>
                  </Anchor>
                </Table.Td>
                <Table.Td>{decision.typeNameAr}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" color={OUTCOME_COLOURS[decision.outcome]} styles={{ label: { overflow: 'visible' } }}>
                    {t([`kindOutcomeLabels.${decision.subjectKind}.${decision.outcome}`, `outcomeLabels.${decision.outcome}`])}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {decision.reasons}
                  {decision.payload && <HarmFindingText payload={decision.payload} />}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Paper>
  );
}

function Approvals({
  minutes,
  onApprove,
  isApproving,
  approveError,
}: {
  minutes: Minutes;
  onApprove(): void;
  isApproving: boolean;
  approveError: string | null;
}) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  // C5: the chair records a member present who can no longer approve (deactivated, left the committee).
  const excuse = useMutation({
    mutationFn: (memberId: string) => api.post<Minutes>(`/minutes/${encodeURIComponent(minutes.id)}/excusals`, { memberId }),
    onSuccess: (updated) => {
      queryClient.setQueryData(committeeKeys.minutes(minutes.id), updated);
      void queryClient.invalidateQueries({ queryKey: committeeKeys.all });
      notifySuccess(updated.status === 'frozen' ? t('minutesFrozenNow') : t('memberExcused'));
    },
    onError: (error) => {
      notifyError(errorMessage(tc, error));
      void queryClient.invalidateQueries({ queryKey: committeeKeys.minutes(minutes.id) });
    },
  });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('approvals')}
        </Title>
        <List spacing={4}>
          {minutes.approvals.map((approval) => (
            <List.Item key={approval.userId}>
              <bdi>{approval.displayName}</bdi> — <DualDay value={approval.approvedAt} withTime inline />
            </List.Item>
          ))}
          {minutes.excused.map((person) => (
            <List.Item key={person.userId}>
              <bdi>{person.displayName}</bdi> —{' '}
              <Text span c="dimmed">
                {t('excusedLine')} <DualDay value={person.excusedAt} withTime inline />
              </Text>
            </List.Item>
          ))}
          {minutes.pending.map((person) => (
            <List.Item key={person.userId}>
              <Group gap="xs" wrap="wrap">
                <span>
                  <bdi>{person.displayName}</bdi> —{' '}
                  <Text span c="dimmed">
                    {person.isActive ? t('awaitingApproval') : t('memberInactive')}
                  </Text>
                </span>
                {!person.isActive && minutes.can.excuse && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    color="orange"
                    leftSection={<IconUserOff size={14} aria-hidden />}
                    aria-label={t('excuseNamed', { name: person.displayName })}
                    loading={excuse.isPending && excuse.variables === person.userId}
                    onClick={() => excuse.mutate(person.userId)}
                  >
                    {t('excuseMember')}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
        {minutes.status === 'draft' && <ProblemAlert message={approveError} />}
        {minutes.can.approve && minutes.status === 'draft' && (
          <Group>
            <Button leftSection={<IconSignature size={16} aria-hidden />} loading={isApproving} onClick={onApprove}>
              {t('approveMinutes')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function NotesForm({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { notes: minutes.notes ?? '' },
    validate: (values) => schemaErrors(tc, updateMinutesBody, values),
  });
  const problem = useFormProblem(form);
  const save = useMutation({
    mutationFn: (values: { notes: string }) => api.patch<Minutes>(`/minutes/${encodeURIComponent(minutes.id)}`, values),
    onSuccess: (updated) => {
      queryClient.setQueryData(committeeKeys.minutes(minutes.id), updated);
      notifySuccess(t('notesSaved'));
    },
    onError: problem.handle,
  });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="sm">
          <ProblemAlert message={problem.message} />
          <Textarea
            label={t('notes')}
            description={t('notesHint')}
            autosize
            minRows={2}
            maxLength={4000}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={save.isPending}>
              {tc('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function AmendForm({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { notes: '' },
    validate: (values) => schemaErrors(tc, amendMinutesBody, values),
  });
  const problem = useFormProblem(form);
  const amend = useMutation({
    mutationFn: (values: { notes: string }) => api.post<Minutes>(`/minutes/${encodeURIComponent(minutes.id)}/amendments`, values),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.all });
      notifySuccess(t('amendmentCreated'));
      void navigate(`/minutes/${created.id}`);
    },
    onError: problem.handle,
  });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form noValidate onSubmit={form.onSubmit((values) => amend.mutate(values))}>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('amendTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('amendHint')}
          </Text>
          <ProblemAlert message={problem.message} />
          <Textarea label={t('amendNotes')} required autosize minRows={3} maxLength={4000} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button type="submit" loading={amend.isPending}>
              {t('createAmendment')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
