import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { BulkAudience } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, problemMessage } from '../ui/problems.js';
import { useActiveRequestTypes } from '../ui/request-types.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { useCampaignPreview, useCreateCampaign } from './campaigns-api.js';
import { SURVEYS_NS } from './i18n.js';
import { useQuestionnaires } from './surveys-api.js';

const CHANNELS = ['sms', 'whatsapp', 'email', 'phone-call', 'letter', 'fax'] as const;
type Filter = 'category' | 'domain' | 'office' | 'agreedChannel' | 'requestType';
/** Riyadh keeps UTC+3 all year: a day typed starts there at midnight. */
const riyadhMidnight = (day: string) => new Date(`${day}T00:00:00+03:00`);

/**
 * Issue 24 §3 (H1): a new campaign — the questionnaire, the audience through the bulk-send engine's
 * filters with its count shown live, an optional random sample, letter/call families only when
 * ticked, the start, a reminder after N days and the close date. One idempotency key per form.
 */
export function CampaignNewPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { language } = useLanguage();
  const { number } = useFormat();
  const taxonomy = useTaxonomyLabels({ within: me.scope });
  const types = useActiveRequestTypes();
  const questionnaires = useQuestionnaires();
  const [key] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [audience, setAudience] = useState<BulkAudience>({});
  const [sampleSize, setSampleSize] = useState<number | ''>('');
  const [includePaper, setIncludePaper] = useState(false);
  const [startsOn, setStartsOn] = useState('');
  const [reminderDays, setReminderDays] = useState<number | ''>(7);
  const [closesOn, setClosesOn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(JSON.stringify(audience), 400);
  const preview = useCampaignPreview(JSON.parse(debounced) as BulkAudience, includePaper);
  const create = useCreateCampaign();
  if (!hasRole(me.roles, 'management', 'administrator')) return <NotAllowed />;

  const families = (count: number) => t('campaign.families', { count, n: number(count) });
  const set = (filter: Filter) => (value: string | null) =>
    setAudience((current) => {
      const next: Record<string, string> = { ...(current as Record<string, string>) };
      if (value) next[filter] = value;
      else delete next[filter];
      return next as BulkAudience;
    });
  const select = (filter: Filter, data: { value: string; label: string }[]) => (
    <Select
      label={t(`campaign.form.${filter}`)}
      data={data}
      clearable
      placeholder={t('campaign.form.any')}
      value={(audience as Record<string, string>)[filter] ?? null}
      onChange={set(filter)}
    />
  );
  const submit = () => {
    setProblem(null);
    if (!name.trim() || !questionnaireId || !closesOn) {
      setProblem(t('campaign.form.missing'));
      return;
    }
    create.mutate(
      {
        idempotencyKey: key,
        name: name.trim(),
        questionnaireId,
        audience,
        includePaper,
        closesOn,
        ...(sampleSize ? { sampleSize } : {}),
        ...(reminderDays ? { reminderDays } : {}),
        ...(startsOn ? { startsAt: riyadhMidnight(startsOn).toISOString() } : {}),
      },
      {
        onSuccess: (campaign) => {
          notifySuccess(t('campaign.created'));
          void navigate(`/surveys/campaigns/${campaign.id}`);
        },
        onError: (error) => {
          const found = asProblem(error);
          setProblem(found.code?.startsWith('survey.') ? t(`campaign.errors.${found.code}`) : problemMessage(tc, found));
        },
      },
    );
  };
  const count = preview.data;

  return (
    <Page title={t('campaign.newTitle')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="lg">
          <ProblemAlert message={problem} onClose={() => setProblem(null)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('campaign.form.name')}
              withAsterisk
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label={t('campaign.form.questionnaire')}
              withAsterisk
              data={(questionnaires.data ?? [])
                .filter((q) => q.isActive)
                .map((q) => ({ value: q.id, label: language === 'ar' ? q.current.titleAr : q.current.titleEn }))}
              value={questionnaireId}
              onChange={setQuestionnaireId}
            />
          </SimpleGrid>
          <Stack gap="sm" component="fieldset" m={0} p={0} style={{ border: 0 }}>
            <Title order={2} size="h4" component="legend">
              {t('campaign.form.audience')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
              {select('category', taxonomy.categories())}
              {select('domain', taxonomy.domains())}
              {select('office', taxonomy.offices())}
              {select(
                'agreedChannel',
                CHANNELS.map((value) => ({ value, label: t(`campaign.channels.${value}`) })),
              )}
              {select(
                'requestType',
                (types.data ?? []).map((type) => ({ value: type.code, label: language === 'ar' ? type.nameAr : type.nameEn })),
              )}
            </SimpleGrid>
            <Checkbox
              label={t('campaign.form.includePaper')}
              description={t('campaign.form.includePaperHint')}
              checked={includePaper}
              onChange={(e) => setIncludePaper(e.currentTarget.checked)}
            />
            <Alert
              variant="light"
              color={count && count.eligible === 0 ? 'orange' : 'teal'}
              data-testid="campaign-count"
              aria-live="polite"
            >
              {count ? (
                <Text size="sm">
                  {t('campaign.countText', {
                    total: families(count.total),
                    eligible: families(count.eligible),
                    paper: number(count.paper),
                    recent: number(count.recentlyInvited),
                  })}
                </Text>
              ) : (
                <Text size="sm">{t('campaign.counting')}</Text>
              )}
            </Alert>
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <NumberField
              kind="integer"
              label={t('campaign.form.sampleSize')}
              description={t('campaign.form.sampleHint')}
              value={sampleSize}
              onChange={setSampleSize}
            />
            <TextInput
              type="date"
              label={t('campaign.form.startsOn')}
              description={t('campaign.form.startsHint')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
            />
            <NumberField kind="days" label={t('campaign.form.reminderDays')} value={reminderDays} onChange={setReminderDays} />
            <TextInput
              type="date"
              label={t('campaign.form.closesOn')}
              withAsterisk
              value={closesOn}
              onChange={(e) => setClosesOn(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/surveys/campaigns">
              {t('campaign.form.back')}
            </Button>
            <Button onClick={submit} loading={create.isPending}>
              {t('campaign.form.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Page>
  );
}
