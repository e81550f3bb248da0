import { Badge, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Campaign } from './campaigns-api.js';
import { SURVEYS_NS } from './i18n.js';

/** Pieces the campaigns list and page share (issue 24 §3): the status and the progress (sent, answered). */
export const CAMPAIGN_COLOURS: Record<Campaign['status'], string> = {
  scheduled: 'blue',
  sending: 'indigo',
  open: 'teal',
  closed: 'gray',
  cancelled: 'gray',
};

export function CampaignStatusBadge({ campaign }: { campaign: Pick<Campaign, 'status'> }) {
  const { t } = useTranslation(SURVEYS_NS);
  return (
    <Badge color={CAMPAIGN_COLOURS[campaign.status]} variant="light" data-testid="campaign-status" data-status={campaign.status}>
      {t(`campaign.statuses.${campaign.status}`)}
    </Badge>
  );
}

/** Worked through ÷ the audience (or sample), with how many were invited and answered. */
export function CampaignProgress({ campaign }: { campaign: Pick<Campaign, 'progress' | 'status'> }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { send, invited, answered } = campaign.progress;
  const percent = send.total > 0 ? Math.min(100, Math.round((send.processed / send.total) * 100)) : 0;
  const values = { processed: send.processed, total: send.total, percent, invited, answered };
  return (
    <Stack gap={4} miw={160} data-testid="campaign-progress" data-percent={percent} data-invited={invited} data-answered={answered}>
      <Progress
        value={percent}
        color={campaign.status === 'cancelled' ? 'gray' : percent === 100 ? 'teal' : 'blue'}
        animated={campaign.status === 'sending'}
        aria-label={t('campaign.progressLabel', values)}
      />
      <Text size="xs" c="dimmed">
        {t('campaign.progressText', values)}
      </Text>
    </Stack>
  );
}
