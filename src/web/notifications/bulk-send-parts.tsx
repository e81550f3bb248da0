import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BulkAudience, BulkSend } from './bulk-sends-api.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';

/** Pieces the bulk-send list and page share (issue 20 §2, G3): the status, the progress, the audience in words. */
export const BULK_STATUS_COLOURS: Record<BulkSend['status'], string> = {
  scheduled: 'blue',
  running: 'indigo',
  finished: 'teal',
  cancelled: 'gray',
};

export function BulkStatusBadge({ send, size = 'md' }: { send: Pick<BulkSend, 'status'>; size?: 'md' | 'lg' }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  return (
    <Badge color={BULK_STATUS_COLOURS[send.status]} variant="light" size={size} data-testid="bulk-status" data-status={send.status}>
      {t(`bulk.statuses.${send.status}`)}
    </Badge>
  );
}

/** Progress = families worked through ÷ the audience when the send started (0 while it waits). */
export function progressOf(send: Pick<BulkSend, 'counts'>): number {
  const { total, processed } = send.counts;
  return total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
}

export function BulkProgress({ send, size = 'md' }: { send: Pick<BulkSend, 'name' | 'counts' | 'status'>; size?: 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const percent = progressOf(send);
  const values = { name: send.name, processed: String(send.counts.processed), total: String(send.counts.total), percent: String(percent) };
  return (
    <Stack gap={4} miw={140} data-testid="bulk-progress" data-percent={percent}>
      <Progress
        value={percent}
        size={size}
        color={send.status === 'cancelled' ? 'gray' : percent === 100 ? 'teal' : 'blue'}
        animated={send.status === 'running'}
        aria-label={t('bulk.progressLabel', values)}
      />
      <Text size="xs" c="dimmed">
        {t('bulk.progressText', values)}
      </Text>
    </Stack>
  );
}

export interface AudienceNames {
  category(code: string): string;
  domain(code: string): string;
  office(code: string): string;
  requestType(code: string): string;
}

/** The audience's filters as short phrases ("office: Dammam"); none → "every family". */
export function useAudienceWords() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const labels = useMessageLabels();
  return (audience: BulkAudience, names: AudienceNames) => {
    const parts: string[] = [];
    if (audience.category) parts.push(`${t('bulk.form.category')}: ${names.category(audience.category)}`);
    if (audience.domain) parts.push(`${t('bulk.form.domain')}: ${names.domain(audience.domain)}`);
    if (audience.office) parts.push(`${t('bulk.form.office')}: ${names.office(audience.office)}`);
    if (audience.agreedChannel) parts.push(`${t('bulk.form.agreedChannel')}: ${labels.channel(audience.agreedChannel)}`);
    if (audience.requestType) parts.push(`${t('bulk.form.requestType')}: ${names.requestType(audience.requestType)}`);
    if (audience.hasOpenRequest !== undefined) parts.push(t(audience.hasOpenRequest ? 'bulk.form.openYes' : 'bulk.form.openNo'));
    return parts;
  };
}

export function AudienceWords({ parts }: { parts: string[] }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  if (!parts.length) return <Text span>{t('bulk.everyFamily')}</Text>;
  return (
    <Group gap={4} component="span">
      {parts.map((part) => (
        <Badge key={part} variant="outline" color="gray" size="sm" style={{ textTransform: 'none' }}>
          {part}
        </Badge>
      ))}
    </Group>
  );
}
