import { Anchor, Button, Text } from '@mantine/core';
import { IconSend, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { NotAllowed, Page } from '../ui/page.js';
import { Worklist } from '../ui/worklist.js';
import { CampaignProgress, CampaignStatusBadge } from './campaign-parts.js';
import { type Campaign, useCampaigns } from './campaigns-api.js';
import { SURVEYS_NS } from './i18n.js';

/** Issue 24 §3 (H1): every survey campaign, newest first, with its status and how far it has got. */
export function CampaignsPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const me = useCurrentUser();
  const list = useCampaigns();
  if (!hasRole(me.roles, 'management', 'administrator')) return <NotAllowed />;
  const href = (campaign: Campaign) => `/surveys/campaigns/${campaign.id}`;
  return (
    <Page
      title={t('campaign.title')}
      actions={
        <Button component={Link} to="/surveys/campaigns/new" leftSection={<IconSend size={18} aria-hidden />}>
          {t('campaign.new')}
        </Button>
      }
    >
      <Text c="dimmed">{t('campaign.intro')}</Text>
      <Worklist
        query={list}
        empty={{ title: t('campaign.empty'), hint: t('campaign.emptyHint'), icon: <IconSpeakerphone size={32} aria-hidden /> }}
        moreLabel={t('campaign.loadMore')}
        label={t('campaign.title')}
        minWidth={720}
        rowKey={(campaign: Campaign) => campaign.id}
        rowHref={href}
        rowTestId="campaign-row"
        columns={[
          {
            key: 'name',
            header: t('campaign.colName'),
            cell: (campaign: Campaign) => (
              <Anchor component={Link} to={href(campaign)} fw={600}>
                {campaign.name}
              </Anchor>
            ),
          },
          { key: 'status', header: t('campaign.colStatus'), cell: (campaign: Campaign) => <CampaignStatusBadge campaign={campaign} /> },
          { key: 'progress', header: t('campaign.colProgress'), cell: (campaign: Campaign) => <CampaignProgress campaign={campaign} /> },
          { key: 'closes', header: t('campaign.colCloses'), cell: (campaign: Campaign) => <DualDay value={campaign.closesAt} /> },
        ]}
        card={{
          reference: (campaign: Campaign) => campaign.name,
          name: (campaign: Campaign) => <DualDay value={campaign.closesAt} inline />,
          status: (campaign: Campaign) => <CampaignStatusBadge campaign={campaign} />,
          more: (campaign: Campaign) => <CampaignProgress campaign={campaign} />,
        }}
      />
    </Page>
  );
}
