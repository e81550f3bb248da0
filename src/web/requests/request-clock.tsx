import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, RequestDeadline, SlaState } from '../../contracts/requests.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { SLA_COLOURS } from '../ui/status.js';
import { pausedSpans } from './clock-spans.js';
import { REQUESTS_NS } from './i18n.js';

/** The request's clock (C6): day 0, the deadline in Hijri and Gregorian, working days left, pauses. */
export function RequestClock({
  deadline,
  slaState,
  history,
}: {
  deadline: RequestDeadline | null;
  slaState: SlaState;
  history: HistoryEntry[];
}) {
  const { t } = useTranslation(REQUESTS_NS);
  const { number } = useFormat();
  const spans = pausedSpans(history);
  if (!deadline) {
    return (
      <Alert variant="light" color="gray" title={t('clock.title')}>
        {t('clock.notStarted')}
      </Alert>
    );
  }
  const isRunning = deadline.state === 'running' || deadline.state === 'paused' || deadline.state === 'breached';
  const left = deadline.workingDaysLeft;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="request-clock-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg" id="request-clock-title">
            {t('clock.title')}
          </Title>
          <Group gap={6}>
            <Badge variant="light" color={SLA_COLOURS[slaState]}>
              {t(`sla.${slaState}`)}
            </Badge>
            <Badge variant="outline" color={deadline.state === 'paused' ? 'orange' : 'gray'}>
              {t(`clock.states.${deadline.state}`)}
            </Badge>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" component="dl" m={0}>
          <Stack gap={2}>
            <Text size="sm" c="dimmed" component="dt">
              {t('clock.deadline')}
            </Text>
            <Text component="dd" m={0} fw={700} data-testid="request-deadline">
              <DualDay value={deadline.day} />
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed" component="dt">
              {t('clock.daysLeft')}
            </Text>
            <Text component="dd" m={0} fz="xl" fw={700} c={left !== null && left < 0 ? 'red.8' : undefined}>
              {!isRunning
                ? t('clock.stoppedShort')
                : left === null
                  ? '…'
                  : left < 0
                    ? t('clock.overdue', { n: number(-left), count: -left })
                    : t('clock.left', { n: number(left), count: left })}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed" component="dt">
              {t('clock.completedOn')}
            </Text>
            <Text component="dd" m={0}>
              <DualDay value={deadline.startDay} />
            </Text>
          </Stack>
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('clock.rule', { n: number(deadline.workingDays), count: deadline.workingDays })}
        </Text>
        {spans.length > 0 && (
          <Stack gap={4}>
            <Group gap={6}>
              <IconClockPause size={18} aria-hidden />
              <Text size="sm" fw={600}>
                {t('clock.pauses')}
              </Text>
            </Group>
            <List size="sm" spacing={2}>
              {spans.map((span) => (
                <List.Item key={span.from}>
                  <DualDay value={span.from} inline /> — {span.to ? <DualDay value={span.to} inline /> : t('clock.stillPaused')}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
