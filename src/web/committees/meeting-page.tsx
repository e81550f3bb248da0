import { Anchor, Badge, Button, Checkbox, EmptyState, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardList, IconFileText, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Minutes, UpdateMeetingBody } from '../../contracts/committees.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { LIST_SEPARATOR, useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { AgendaItemCard } from './agenda-item.js';
import { MEETING_STATUS_COLOURS } from './committee-page.js';
import { AGENDA_SUBJECT_KINDS, type AwaitingRequest, committeeKeys, type Meeting, useAwaitingStudy, useMeeting } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

/** A committee meeting (C5): presence, the agenda and each member's vote, then its minutes. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const { number } = useFormat();
  const meeting = useMeeting(id);
  if (meeting.isPending) return <PageLoader />;
  if (meeting.isError) return <LoadFailure message={errorMessage(tc, meeting.error)} />;
  const data = meeting.data;
  const isOpen = data.status !== 'closed';
  return (
    <Page
      title={t('meetingTitle', { name: language === 'ar' ? data.committeeNameAr : data.committeeNameEn })}
      actions={
        <Button component={Link} to={`/committees/${data.committeeId}`} variant="default">
          {t('backToCommittee')}
        </Button>
      }
    >
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Group gap="xl" wrap="wrap" align="flex-start">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('meetingDay')}
            </Text>
            <DualDay value={data.day} />
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('colStatus')}
            </Text>
            <Badge variant="light" color={MEETING_STATUS_COLOURS[data.status]} size="lg">
              {t(`meetingStatuses.${data.status}`)}
            </Badge>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('quorum')}
            </Text>
            <Text>{t('quorumText', { n: number(data.quorum), count: data.quorum })}</Text>
          </Stack>
        </Group>
      </Paper>
      <Presence meeting={data} />
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('agenda')}
        </Title>
        {data.agenda.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <EmptyState icon={<IconClipboardList size={28} aria-hidden />} title={t('agendaEmpty')} />
          </Paper>
        ) : (
          data.agenda.map((item) => (
            <AgendaItemCard
              key={`${item.subjectKind}:${item.subjectId}`}
              meetingId={data.id}
              item={item}
              canVote={data.can.vote && isOpen}
              canManage={data.can.manage && isOpen}
            />
          ))
        )}
        {data.can.manage && isOpen && <AwaitingStudy meeting={data} />}
      </Stack>
      <MinutesSection meeting={data} />
    </Page>
  );
}

function usePatchMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeetingBody) => api.patch<Meeting>(`/meetings/${encodeURIComponent(meetingId)}`, body),
    onSuccess: (meeting) => {
      queryClient.setQueryData(committeeKeys.meeting(meetingId), meeting);
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meeting(meetingId) });
    },
  });
}

/** Who attended: only members recorded present vote and approve the minutes. */
function Presence({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const [present, setPresent] = useState<string[]>(meeting.present.map((person) => person.userId));
  const patch = usePatchMeeting(meeting.id);
  const canEdit = meeting.can.manage && meeting.status !== 'closed';
  const save = (body: UpdateMeetingBody, message: string) =>
    patch.mutate(body, { onSuccess: () => notifySuccess(message), onError: (error) => notifyError(errorMessage(tc, error)) });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('presence')}
        </Title>
        {canEdit ? (
          <>
            <Checkbox.Group label={t('presentMembers')} value={present} onChange={setPresent}>
              <Group gap="md" mt={6}>
                {meeting.members.map((member) => (
                  <Checkbox key={member.userId} value={member.userId} label={member.displayName} disabled={!member.isActive} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group gap="sm">
              <Button variant="default" loading={patch.isPending} onClick={() => save({ presentMemberIds: present }, t('presenceSaved'))}>
                {t('savePresence')}
              </Button>
              {meeting.status === 'planned' && (
                <Button
                  leftSection={<IconPlayerPlay size={16} aria-hidden />}
                  loading={patch.isPending}
                  onClick={() => save({ presentMemberIds: present, status: 'held' }, t('meetingHeld'))}
                >
                  {t('markHeld')}
                </Button>
              )}
            </Group>
          </>
        ) : (
          <Text>
            {meeting.present.length
              ? meeting.present.map((person) => person.displayName).join(LIST_SEPARATOR[language])
              : t('nobodyPresent')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Subjects this committee may study — requests (oldest deadline first), then compensation cases
 * (issue 23, oldest first) — each with its kind; the chair adds them to the agenda.
 */
function AwaitingStudy({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const requests = useAwaitingStudy(meeting.committeeId, true, 'request');
  const cases = useAwaitingStudy(meeting.committeeId, true, 'compensation');
  const kinds = [requests, cases];
  const add = useMutation({
    mutationFn: (item: AwaitingRequest) =>
      api.post<Meeting>(
        `/meetings/${encodeURIComponent(meeting.id)}/agenda`,
        item.subjectKind === 'request' ? { requestId: item.id } : { subjectKind: item.subjectKind, subjectId: item.id },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meeting(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: committeeKeys.awaiting(meeting.committeeId) });
      notifySuccess(t('addedToAgenda'));
    },
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  const onAgenda = new Set(meeting.agenda.map((item) => `${item.subjectKind}:${item.subjectId}`));
  const items = kinds
    .flatMap((awaiting) => awaiting.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((item) => !onAgenda.has(`${item.subjectKind}:${item.id}`));
  const failed = kinds.find((awaiting) => awaiting.isError);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={3} fz="md">
          {t('awaitingTitle')}
        </Title>
        {kinds.some((awaiting) => awaiting.isPending) && <PageLoader />}
        {failed?.isError && <LoadFailure message={errorMessage(tc, failed.error)} />}
        {kinds.every((awaiting) => awaiting.data) && items.length === 0 && <Text c="dimmed">{t('awaitingEmpty')}</Text>}
        {items.length > 0 && (
          <ScrollTable minWidth={600} label={t('awaitingTitle')}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('subjectKind')}</Table.Th>
                  <Table.Th scope="col">{t('reference')}</Table.Th>
                  <Table.Th scope="col">{t('requestType')}</Table.Th>
                  <Table.Th scope="col">{t('family')}</Table.Th>
                  <Table.Th scope="col">{t('deadline')}</Table.Th>
                  <Table.Th scope="col">{tc('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.subjectKind}:${item.id}`}>
                    <Table.Td>
                      <Badge variant="light" color={item.subjectKind === 'request' ? 'blue' : 'grape'}>
                        {t(`subjectKinds.${item.subjectKind}`, { defaultValue: item.subjectKind })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Ltr>{item.reference}</Ltr>
                    </Table.Td>
                    <Table.Td>{language === 'ar' ? item.typeNameAr : item.typeNameEn}</Table.Td>
                    <Table.Td>{item.familyName}</Table.Td>
                    <Table.Td>{item.deadlineDay ? <DualDay value={item.deadlineDay} /> : t('none')}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconPlus size={14} aria-hidden />}
                        loading={add.isPending && add.variables?.id === item.id}
                        onClick={() => add.mutate(item)}
                        aria-label={t(item.subjectKind === 'request' ? 'addNamedToAgenda' : 'addCaseToAgenda', {
                          reference: item.reference,
                        })}
                      >
                        {t('addToAgenda')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {kinds.map(
          (awaiting, index) =>
            awaiting.hasNextPage && (
              <Group justify="center" key={AGENDA_SUBJECT_KINDS[index]}>
                <Button variant="default" loading={awaiting.isFetchingNextPage} onClick={() => void awaiting.fetchNextPage()}>
                  {t('loadMoreKind', { kind: t(`subjectKinds.${AGENDA_SUBJECT_KINDS[index]}`) })}
                </Button>
              </Group>
            ),
        )}
      </Stack>
    </Paper>
  );
}

function MinutesSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const generate = useMutation({
    mutationFn: () => api.post<Minutes>(`/meetings/${encodeURIComponent(meeting.id)}/minutes`),
    onSuccess: (minutes) => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meeting(meeting.id) });
      notifySuccess(t('minutesGenerated'));
      void navigate(`/minutes/${minutes.id}`);
    },
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  const hasDraft = meeting.minutes.some((minutes) => minutes.status === 'draft');
  const canGenerate = meeting.can.manage && meeting.status === 'held' && !hasDraft && meeting.agenda.length > 0;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg">
            {t('minutes')}
          </Title>
          {canGenerate && (
            <Button leftSection={<IconFileText size={16} aria-hidden />} loading={generate.isPending} onClick={() => generate.mutate()}>
              {t('generateMinutes')}
            </Button>
          )}
        </Group>
        {meeting.minutes.length === 0 ? (
          <Text c="dimmed">{meeting.status === 'planned' ? t('minutesAfterHeld') : t('noMinutes')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {meeting.minutes.map((minutes) => (
              <Group key={minutes.id} component="li" gap="sm">
                <Anchor component={Link} to={`/minutes/${minutes.id}`}>
                  {minutes.amendsId ? t('amendmentOf') : t('minutesRecord')}
                </Anchor>
                <DualDay value={minutes.createdAt} inline />
                <Badge variant="light" color={minutes.status === 'frozen' ? 'indigo' : 'yellow'}>
                  {t(`minutesStatuses.${minutes.status}`)}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
