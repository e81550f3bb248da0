import { Anchor, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { oversight } from '../../contracts/compensation.js';
import { formatRiyals } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { COMPENSATION_STATUS_COLOURS } from './compensation-status.js';
import { COMPENSATION_NS } from './i18n.js';

type Figures = z.infer<typeof oversight>;

/**
 * Issue 23 §6, beside the complaints' oversight: open cases by step and by age, amounts established
 * vs offered vs settled vs paid as bars (the figures written beside them), and the median days from
 * opening to settlement over the settled cases — each figure a link to the list of its cases.
 * Nothing shows for those who see no cases.
 */
export function CompensationOversight() {
  const { t } = useTranslation(COMPENSATION_NS);
  const { number } = useFormat();
  const { language } = useLanguage();
  const query = useQuery({ queryKey: ['compensation', 'oversight'], queryFn: () => api.get<Figures>('/compensation-oversight') });
  if (!query.data) return null;
  const data = query.data;
  // Each amount links to the cases it adds up (the same rule as the server's sums).
  const amounts = [
    { key: 'established', value: data.amounts.establishedHalalas, colour: 'blue', has: 'established' },
    { key: 'offered', value: data.amounts.offeredHalalas, colour: 'orange', has: 'offer' },
    { key: 'settled', value: data.amounts.settledHalalas, colour: 'teal', has: 'settlement' },
    { key: 'paid', value: data.amounts.paidHalalas, colour: 'green', has: 'payment' },
  ];
  const max = Math.max(1, ...amounts.map((a) => a.value));
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="compensation-oversight-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="compensation-oversight-title">
          {t('oversight.title')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {data.openByStatus.map((item) => (
            <Stack key={item.status} gap={2}>
              <Text size="sm" c="dimmed">
                {t(`status.${item.status}`)}
              </Text>
              <Anchor
                component={Link}
                to={`/compensation?status=${item.status}`}
                fz={24}
                fw={700}
                c={COMPENSATION_STATUS_COLOURS[item.status]}
              >
                {number(item.count)}
              </Anchor>
            </Stack>
          ))}
        </SimpleGrid>
        <Group gap="lg">
          {data.openByAge.map((band) => (
            <Text key={band.band} size="sm">
              {t(`oversight.age.${band.band}`)}:{' '}
              <Anchor component={Link} to={`/compensation?age=${encodeURIComponent(band.band)}`} fw={700} data-testid={`age-${band.band}`}>
                {number(band.count)}
              </Anchor>
            </Text>
          ))}
        </Group>
        <Stack gap="xs">
          {amounts.map((a) => (
            <Stack key={a.key} gap={2}>
              <Group justify="space-between">
                <Text size="sm">{t(`oversight.amounts.${a.key}`)}</Text>
                <Anchor component={Link} to={`/compensation?has=${a.has}`} size="sm" fw={600}>
                  {formatRiyals(a.value, language)}
                </Anchor>
              </Group>
              <Progress value={(a.value / max) * 100} color={a.colour} aria-hidden />
            </Stack>
          ))}
        </Stack>
        <Text size="sm">
          {t('oversight.median')}: {data.medianDaysToSettlement === null ? '—' : number(data.medianDaysToSettlement)} (
          {t('oversight.settledCount')}{' '}
          <Anchor component={Link} to="/compensation?has=settled" size="sm" fw={600}>
            {number(data.settledCount)}
          </Anchor>
          )
        </Text>
      </Stack>
    </Paper>
  );
}
