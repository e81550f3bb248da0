import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, problemMessage } from '../ui/problems.js';
import { CAMPAIGN_COLOURS, CampaignProgress } from './campaign-parts.js';
import { useCampaign, useCancelCampaign } from './campaigns-api.js';
import { SURVEYS_NS } from './i18n.js';

/** Issue 24 §3 (H1): one campaign — its schedule, progress (sent, answered, not asked and why) and cancel. */
export function CampaignPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const { language } = useLanguage();
  const { number } = useFormat();
  const query = useCampaign(id);
  const cancel = useCancelCampaign(id);
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!hasRole(me.roles, 'management', 'administrator')) return <NotAllowed />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={problemMessage(tc, asProblem(query.error))} />;
  const campaign = query.data;
  const { progress } = campaign;
  return (
    <Page title={campaign.name}>
      <ProblemAlert message={problem} onClose={() => setProblem(null)} />
      <DetailHeader
        status={{ label: t(`campaign.statuses.${campaign.status}`), colour: CAMPAIGN_COLOURS[campaign.status], testId: 'campaign-status' }}
        facts={
          <>
            <Fact label={t('campaign.form.questionnaire')}>
              {language === 'ar' ? campaign.questionnaireTitleAr : campaign.questionnaireTitleEn}
            </Fact>
            <Fact label={t('campaign.form.sampleSize')}>
              {campaign.sampleSize === null ? t('campaign.noSample') : number(campaign.sampleSize)}
            </Fact>
            <Fact label={t('campaign.form.startsOn')}>
              <DualDay value={campaign.startsAt} />
            </Fact>
            <Fact label={t('campaign.form.reminderDays')}>{campaign.reminderDays === null ? '—' : number(campaign.reminderDays)}</Fact>
            <Fact label={t('campaign.form.closesOn')}>
              <DualDay value={campaign.closesAt} />
            </Fact>
            <Fact label={t('campaign.sent')}>
              <span data-testid="campaign-invited">{number(progress.invited)}</span>
            </Fact>
            <Fact label={t('campaign.answered')}>
              <span data-testid="campaign-answered">{number(progress.answered)}</span>
            </Fact>
            <Fact label={t('campaign.byStaff')}>{number(progress.byStaff)}</Fact>
            <Fact label={t('campaign.reminded')}>{number(progress.reminded)}</Fact>
          </>
        }
        actions={
          campaign.abilities.cancel && (
            <Group>
              <Button color="red" variant="light" onClick={() => setConfirming(true)}>
                {t('campaign.cancel')}
              </Button>
            </Group>
          )
        }
      />
      <CampaignProgress campaign={campaign} />
      {Object.entries(progress.notAsked).map(([reason, n]) => (
        <Text key={reason} size="sm" c="dimmed" data-testid="campaign-not-asked">
          {t('campaign.notAsked', { reason: t(`campaign.reasons.${reason}`, { defaultValue: reason }), n: number(n) })}
        </Text>
      ))}
      <ConfirmDialog
        opened={isConfirming}
        title={t('campaign.cancelTitle')}
        message={t('campaign.cancelText')}
        confirmLabel={t('campaign.cancel')}
        color="red"
        isPending={cancel.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t('campaign.cancelled'));
            },
            onError: (error) => {
              setConfirming(false);
              setProblem(problemMessage(tc, asProblem(error)));
            },
          })
        }
      />
    </Page>
  );
}
