import { Anchor, Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CaseAge, caseAge, complaintStep, inquiryStep, type Oversight } from '../../contracts/complaints.js';
import type { RequestCounts, UntoldDecision } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { CompensationOversight } from '../compensation/compensation-oversight.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { ByChannel } from './by-channel.js';
import { OVERSIGHT_NS } from './i18n.js';
import { WeekChart } from './week-chart.js';

/**
 * Where each figure leads. Inquiries: this app's `/inquiries` filters. Complaints: the complaints
 * worklist's tabs (`tab=all`, `tab=breached`) narrowed by the same `step` and `age` the API takes.
 */
const qs = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
};
export const listLink = {
  inquiries: (params: {
    list?: string;
    step?: string;
    age?: string;
    slaState?: string;
    officerId?: string;
    isOpen?: string;
    awaitingAnswer?: 'true';
    answeredBy?: string;
    answeredSince?: string;
  }) => `/inquiries?${qs({ list: 'all', ...params })}`,
  complaints: (params: { tab?: string; step?: string; age?: string; slaState?: string }) => `/complaints?${qs({ tab: 'all', ...params })}`,
  requests: (params: { message: UntoldDecision }) => `/requests?${qs({ list: 'all', ...params })}`,
};

const ANSWERED_WINDOW_MS = 90 * 24 * 3600_000;
const OPEN_COMPLAINT_STEPS = complaintStep.options.filter((s) => s !== 'closed' && s !== 'satisfaction-followed-up');
const OPEN_INQUIRY_STEPS = inquiryStep.options.filter((s) => s !== 'closed');

/** Top management's page (H5, H6): open cases by age and step, overdue items, officers, weekly trends. */
export function OversightPage() {
  const { t } = useTranslation(OVERSIGHT_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const isManager = hasRole(me.roles, 'management');
  const query = useQuery({
    queryKey: ['complaints', 'oversight'],
    enabled: isManager,
    queryFn: () => api.get<Oversight>('/complaints/oversight'),
  });
  if (!isManager) return <NotAllowed />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const data = query.data;
  return (
    <Page title={t('title')}>
      <Text size="sm" c="dimmed">
        {t('asOf')} <DualDay value={data.asOf} withTime inline />
      </Text>
      <Headline data={data} />
      <UntoldDecisions />
      <AgeTable
        kind="complaint"
        title={t('openComplaints')}
        steps={OPEN_COMPLAINT_STEPS}
        data={data}
        link={(step, age) => listLink.complaints({ step, age })}
      />
      <AgeTable
        kind="inquiry"
        title={t('openInquiries')}
        steps={OPEN_INQUIRY_STEPS}
        data={data}
        link={(step, age) => listLink.inquiries({ step, age })}
      />
      <ByChannel data={data} />
      <Officers data={data} />
      <Weekly data={data} />
      <CompensationOversight />
    </Page>
  );
}

function Figure({ label, value, to, tone }: { label: string; value: number; to: string; tone?: 'red' | 'orange' }) {
  const { number } = useFormat();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" id={`figure-${to}`}>
          {label}
        </Text>
        <Anchor
          component={Link}
          to={to}
          fz={28}
          fw={700}
          c={value > 0 && tone ? `${tone}.8` : undefined}
          aria-label={`${label}: ${number(value)}`}
          underline="always"
        >
          {number(value)}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/**
 * C5, C6 (issue 20 §5): decided requests whose family is not told — the decision's message failed,
 * was skipped, or waits too long — each figure opening the requests worklist filtered so.
 */
function UntoldDecisions() {
  const { t } = useTranslation(OVERSIGHT_NS);
  const counts = useQuery({ queryKey: ['requests', 'counts'], queryFn: () => api.get<RequestCounts>('/requests/counts') });
  if (!counts.data) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="oversight-untold">
      <Figure label={t('decisionsUnsent')} value={counts.data.decisionUnsent} to={listLink.requests({ message: 'unsent' })} tone="red" />
      <Figure label={t('decisionsFailed')} value={counts.data.decisionFailed} to={listLink.requests({ message: 'failed' })} tone="red" />
    </SimpleGrid>
  );
}

function Headline({ data }: { data: Oversight }) {
  const { t } = useTranslation(OVERSIGHT_NS);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="oversight-headline">
      <Figure label={t('overdueComplaints')} value={data.overdue.complaints} to={listLink.complaints({ tab: 'breached' })} tone="red" />
      <Figure label={t('overdueInquiries')} value={data.overdue.inquiries} to={listLink.inquiries({ slaState: 'breached' })} tone="red" />
      <Figure
        label={t('dueSoonComplaints')}
        value={data.dueSoon.complaints}
        to={listLink.complaints({ slaState: 'due-soon' })}
        tone="orange"
      />
      <Figure
        label={t('dueSoonInquiries')}
        value={data.dueSoon.inquiries}
        to={listLink.inquiries({ slaState: 'due-soon' })}
        tone="orange"
      />
      <Figure label={t('generalQueue')} value={data.queues.general} to="/inquiries?list=general" />
      <Figure label={t('supportQueue')} value={data.queues.support} to="/inquiries?list=support" />
    </SimpleGrid>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm" p={{ base: 'sm', sm: 'md' }}>
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function AgeTable({
  kind,
  title,
  steps,
  data,
  link,
}: {
  kind: 'complaint' | 'inquiry';
  title: string;
  steps: readonly string[];
  data: Oversight;
  link(step: string, age: CaseAge): string;
}) {
  const { t } = useTranslation(OVERSIGHT_NS);
  const { number } = useFormat();
  const count = (step: string, age: CaseAge) =>
    data.open.find((row) => row.kind === kind && row.step === step && row.age === age)?.count ?? 0;
  const stepName = (step: string) => t(kind === 'inquiry' ? `inquirySteps.${step}` : `complaintSteps.${step}`);
  const total = steps.reduce((sum, step) => sum + caseAge.options.reduce((s, age) => s + count(step, age), 0), 0);
  return (
    <Section id={`open-${kind}`} title={title}>
      <Text size="sm" c="dimmed">
        {t('ageHint', { n: number(total) })}
      </Text>
      <ScrollTable minWidth={560} label={title}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid={`open-${kind}`} style={{ wordBreak: 'normal' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('step')}</Table.Th>
              {caseAge.options.map((age) => (
                <Table.Th key={age} scope="col" ta="center">
                  {t(`ages.${age}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step) => (
              <Table.Tr key={step}>
                <Table.Th scope="row" fw={500}>
                  {stepName(step)}
                </Table.Th>
                {caseAge.options.map((age) => {
                  const value = count(step, age);
                  return (
                    <Table.Td key={age} ta="center">
                      {value > 0 ? (
                        <Anchor
                          component={Link}
                          to={link(step, age)}
                          fw={700}
                          underline="always"
                          aria-label={t('cellLabel', { step: stepName(step), age: t(`ages.${age}`), n: number(value) })}
                        >
                          {number(value)}
                        </Anchor>
                      ) : (
                        <Text span c="dimmed">
                          {number(0)}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Section>
  );
}

/** H6: each contact officer's open and overdue inquiries, answers and median response time. */
function Officers({ data }: { data: Oversight }) {
  const { t } = useTranslation(OVERSIGHT_NS);
  const { number } = useFormat();
  // The answers counted are those of the 90 days before the figures' instant; the list reads the same window.
  const answeredSince = new Date(new Date(data.asOf).getTime() - ANSWERED_WINDOW_MS).toISOString();
  return (
    <Section id="officers" title={t('officers')}>
      {data.officers.length === 0 ? (
        <Text>{t('noOfficers')}</Text>
      ) : (
        <ScrollTable minWidth={620} label={t('officers')}>
          <Table striped verticalSpacing="xs" data-testid="oversight-officers" style={{ wordBreak: 'normal' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('officer')}</Table.Th>
                <Table.Th scope="col">{t('open')}</Table.Th>
                <Table.Th scope="col">{t('overdue')}</Table.Th>
                <Table.Th scope="col">{t('answered')}</Table.Th>
                <Table.Th scope="col">{t('median')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.officers.map((row) => (
                <Table.Tr key={row.officer.id}>
                  <Table.Th scope="row" fw={500}>
                    {row.officer.displayName}{' '}
                    {row.isAbsent && (
                      <Badge size="xs" color="orange" variant="light">
                        {t('absent')}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={listLink.inquiries({ officerId: row.officer.id, awaitingAnswer: 'true' })}
                      underline="always"
                      aria-label={t('openOf', { name: row.officer.displayName, n: number(row.open) })}
                    >
                      {number(row.open)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={listLink.inquiries({ officerId: row.officer.id, awaitingAnswer: 'true', slaState: 'breached' })}
                      underline="always"
                      c={row.overdue > 0 ? 'red.8' : undefined}
                      aria-label={t('overdueOf', { name: row.officer.displayName, n: number(row.overdue) })}
                    >
                      {number(row.overdue)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={listLink.inquiries({ answeredBy: row.officer.id, answeredSince })}
                      underline="always"
                      aria-label={t('answeredOf', { name: row.officer.displayName, n: number(row.answered) })}
                    >
                      {number(row.answered)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {row.medianResponseHours === null
                      ? t('noMedian')
                      : t('hours', { n: number(row.medianResponseHours), count: Math.round(row.medianResponseHours) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Text size="xs" c="dimmed">
        {t('medianHint')}
      </Text>
    </Section>
  );
}

function Weekly({ data }: { data: Oversight }) {
  const { t } = useTranslation(OVERSIGHT_NS);
  const { number } = useFormat();
  // Day/month written out (Intl's Arabic short date carries direction marks that break inside the SVG).
  const weekLabel = (day: string) => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;
  const series = [
    { key: 'complaintsReceived', label: t('weekly.complaintsReceived'), color: 'var(--mantine-color-red-6)' },
    { key: 'complaintsClosed', label: t('weekly.complaintsClosed'), color: 'var(--mantine-color-red-3)' },
    { key: 'inquiriesReceived', label: t('weekly.inquiriesReceived'), color: 'var(--mantine-color-blue-7)' },
    { key: 'inquiriesAnswered', label: t('weekly.inquiriesAnswered'), color: 'var(--mantine-color-blue-3)' },
  ] as const;
  return (
    <Section id="weekly" title={t('weekly.title')}>
      <WeekChart weeks={data.weekly} series={[...series]} weekLabel={weekLabel} label={t('weekly.title')} />
      <details>
        <summary>
          <Text span size="sm">
            {t('weekly.table')}
          </Text>
        </summary>
        <ScrollTable minWidth={560} label={t('weekly.table')}>
          <Table verticalSpacing={4} data-testid="oversight-weekly">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('weekly.week')}</Table.Th>
                {series.map((s) => (
                  <Table.Th key={s.key} scope="col">
                    {s.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.weekly.map((week) => (
                <Table.Tr key={week.weekStart}>
                  <Table.Th scope="row" fw={500}>
                    <DualDay value={week.weekStart} inline />
                  </Table.Th>
                  {series.map((s) => (
                    <Table.Td key={s.key}>{number(week[s.key])}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </details>
    </Section>
  );
}
