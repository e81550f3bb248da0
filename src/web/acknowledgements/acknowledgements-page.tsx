import { Anchor, Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useOverview } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

/** R2 (issue 26 §5): HR's list of the versions in force that ask for acknowledgement, with how many have. */
export function AcknowledgementsPage() {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useOverview();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.items;
  return (
    <Page title={t('hr.title')}>
      {items.length === 0 && <Text c="dimmed">{t('hr.empty')}</Text>}
      {items.map((item) => (
        <Paper key={item.versionId} withBorder radius="md" p="md" data-testid="acknowledgement-version">
          <Stack gap="xs">
            <Group gap="sm" justify="space-between">
              <Title order={2} fz="h4">
                <Anchor component={Link} to={`/acknowledgements/${item.versionId}`}>
                  {language === 'ar' ? item.titleAr : item.titleEn}
                </Anchor>
              </Title>
              <Badge variant="light">{t('hr.version', { n: item.number })}</Badge>
            </Group>
            <Text size="sm">{t('hr.counts', { acknowledged: item.acknowledged, required: item.required, pending: item.pending })}</Text>
            <Progress
              value={item.required ? (100 * item.acknowledged) / item.required : 100}
              aria-label={t('hr.counts', { acknowledged: item.acknowledged, required: item.required, pending: item.pending })}
            />
            <Text size="sm" c="dimmed">
              {t('hr.due')}: <DualDay value={item.dueAt} inline />
            </Text>
          </Stack>
        </Paper>
      ))}
    </Page>
  );
}
