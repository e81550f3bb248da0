import { Anchor, Badge, Button, EmptyState, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarEvent, IconCalendarPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { createMeetingBody, type MeetingSummary } from '../../contracts/committees.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { ScrollTable } from '../ui/worklist.js';
import { type Committee, committeeKeys, type Meeting, useCommittee, useMeetings } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

export const MEETING_STATUS_COLOURS: Record<MeetingSummary['status'], string> = { planned: 'blue', held: 'orange', closed: 'gray' };

/** A committee: who sits on it, its quorum, and its meetings (the chair schedules them). */
export function CommitteePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const { number } = useFormat();
  const committee = useCommittee(id);
  if (committee.isPending) return <PageLoader />;
  if (committee.isError) return <LoadFailure message={errorMessage(tc, committee.error)} />;
  const data = committee.data;
  return (
    <Page
      title={language === 'ar' ? data.nameAr : data.nameEn}
      actions={
        <Button component={Link} to="/committees" variant="default">
          {t('backToCommittees')}
        </Button>
      }
    >
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" component="dl" m={0}>
          <Fact label={t('code')}>
            <Ltr>{data.code}</Ltr>
          </Fact>
          <Fact label={t('purposesLabel')}>{data.purposes.map((purpose) => t(`purposes.${purpose}`)).join(t('listSeparator'))}</Fact>
          <Fact label={t('quorum')}>{t('quorumText', { n: number(data.quorum), count: data.quorum })}</Fact>
          <Fact label={t('colStatus')}>{data.isActive ? tc('common.active') : tc('common.inactive')}</Fact>
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="md">
          {t('members')}
        </Text>
        <Group gap="xs" mt={4}>
          {data.members.map((member) => (
            <Badge key={member.userId} variant={member.isChair ? 'filled' : 'light'} color={member.isActive ? 'teal' : 'gray'} size="lg">
              {member.displayName}
              {member.isChair ? ` — ${t('chair')}` : ''}
            </Badge>
          ))}
        </Group>
      </Paper>
      {data.abilities.scheduleMeeting && <ScheduleMeeting committee={data} />}
      <MeetingsList committeeId={data.id} />
    </Page>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

function ScheduleMeeting({ committee }: { committee: Committee }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { day: riyadhCalendarDay(new Date()) },
    validate: (values) => schemaErrors(tc, createMeetingBody, values),
  });
  const problem = useFormProblem(form);
  const schedule = useMutation({
    mutationFn: (values: { day: string }) => api.post<Meeting>(`/committees/${encodeURIComponent(committee.id)}/meetings`, values),
    onSuccess: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meetings(committee.id) });
      notifySuccess(t('meetingScheduled'));
      void navigate(`/meetings/${meeting.id}`);
    },
    onError: problem.handle,
  });
  const day = form.getValues().day;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          schedule.mutate(values);
        })}
      >
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('scheduleTitle')}
          </Title>
          <ProblemAlert message={problem.message} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput type="date" label={t('meetingDay')} required dir="ltr" w={200} {...form.getInputProps('day')} />
            {/^\d{4}-\d{2}-\d{2}$/.test(day) && (
              <Text size="sm" pb={8}>
                <DualDay value={day} inline />
              </Text>
            )}
            <Button type="submit" leftSection={<IconCalendarPlus size={18} aria-hidden />} loading={schedule.isPending}>
              {t('schedule')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function MeetingsList({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const meetings = useMeetings(committeeId);
  return (
    <Stack gap="xs">
      <Title order={2} fz="lg">
        {t('meetings')}
      </Title>
      {meetings.isPending && <PageLoader />}
      {meetings.isError && <LoadFailure message={errorMessage(tc, meetings.error)} />}
      {meetings.data &&
        (meetings.data.items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <EmptyState icon={<IconCalendarEvent size={28} aria-hidden />} title={t('noMeetings')} />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <ScrollTable minWidth={520} label={t('meetings')}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('meetingDay')}</Table.Th>
                    <Table.Th scope="col">{t('colStatus')}</Table.Th>
                    <Table.Th scope="col">{t('agendaCount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {meetings.data.items.map((meeting) => (
                    <Table.Tr key={meeting.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/meetings/${meeting.id}`}>
                          <DualDay value={meeting.day} />
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={MEETING_STATUS_COLOURS[meeting.status]}>
                          {t(`meetingStatuses.${meeting.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{number(meeting.agendaCount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Paper>
        ))}
    </Stack>
  );
}
