import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCircleDot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../contracts/requests.js';
import { DualDay } from '../ui/dual-day.js';
import { HISTORY_NOTE_PREFIX } from './coded-labels.js';
import { REQUESTS_NS } from './i18n.js';

const RED_EVENTS = new Set(['attestation-voided']);

/** Status and history (C5): every move and event, who made it, when (both calendars), and the note. */
export function RequestHistory({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation(REQUESTS_NS);
  const eventLabel = (entry: HistoryEntry) => t(`history.events.${entry.event}`);
  const noteText = (entry: HistoryEntry, note: string) => {
    const prefix = HISTORY_NOTE_PREFIX[entry.event];
    return prefix && i18n.exists(`${prefix}.${note}`, { ns: REQUESTS_NS }) ? t(`${prefix}.${note}`) : note;
  };
  const actor = (entry: HistoryEntry) =>
    entry.actorKind === 'family'
      ? t('history.family')
      : entry.actorKind === 'system'
        ? t('history.system')
        : (entry.actorName ?? t('history.staff'));
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="history-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="history-title">
          {t('history.title')}
        </Title>
        <Timeline active={history.length - 1} bulletSize={22} lineWidth={2}>
          {history.map((entry, index) => (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: two events can share an instant
              key={`${entry.at}-${index}`}
              bullet={<IconCircleDot size={12} aria-hidden />}
              color={RED_EVENTS.has(entry.event) ? 'red' : undefined}
              title={
                <Text fw={600} size="sm">
                  {eventLabel(entry)}
                  {entry.from !== entry.to && ` — ${t(`statuses.${entry.to}`)}`}
                </Text>
              }
            >
              <Text size="sm" c="dimmed">
                {actor(entry)} · <DualDay value={entry.at} withTime inline />
              </Text>
              {entry.note && (
                <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                  {noteText(entry, entry.note)}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}
