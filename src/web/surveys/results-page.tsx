import { Anchor, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { RESULT_DIMENSIONS, type SurveyResults, type surveyComments } from '../../contracts/surveys.js';
import { api, queryString } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { SURVEYS_NS } from './i18n.js';
import { MonthChart, useMonthLabel } from './month-chart.js';
import { Cells, FigureLink } from './results-cells.js';

type Comments = z.infer<typeof surveyComments>;
type Dimension = (typeof RESULT_DIMENSIONS)[number];

const CASE_PATH: Record<string, string> = { request: '/requests', complaint: '/complaints', inquiry: '/inquiries' };

/**
 * Issue 24 §5 (H1, C1): management's satisfaction page — CSAT, NPS and response rate, the CSAT
 * distribution, months, one breakdown at a time and the comments in the reader's scope. The server
 * already hides every figure of a cell with fewer than 5 answers; "—" says so.
 */
export function SurveyResultsPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { number } = useFormat();
  const me = useCurrentUser();
  const monthLabel = useMonthLabel();
  const [by, setBy] = useState<Dimension>('office');
  const results = useQuery({
    queryKey: ['surveys', 'results', by],
    queryFn: () => api.get<SurveyResults>(`/surveys/results${queryString({ by })}`),
  });
  const comments = useQuery({ queryKey: ['surveys', 'comments'], queryFn: () => api.get<Comments>('/surveys/comments?limit=50') });
  const show = (value: number | null, suffix = '') => (value === null ? t('none') : `${number(value)}${suffix}`);
  const data = results.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
        {hasRole(me.roles, 'management') && (
          <Group gap="md">
            <Anchor component={Link} to="/surveys/questionnaires">
              {t('questionnairesLink')}
            </Anchor>
            <Anchor component={Link} to="/surveys/settings">
              {t('settingsLink')}
            </Anchor>
          </Group>
        )}
      </Stack>
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {[
              { label: t('responses'), value: number(data.overall.responses) },
              { label: t('csat'), value: show(data.overall.csatAverage) },
              { label: t('nps'), value: show(data.overall.nps) },
              { label: t('rate'), value: show(data.overall.responseRate, '%') },
            ].map((figure) => (
              <Paper key={figure.label} withBorder radius="md" p="md">
                <Text size="sm" c="dimmed">
                  {figure.label}
                </Text>
                <FigureLink cell={{}} responses={data.overall.responses} label={`${figure.label} ${figure.value}`}>
                  <Text fz={28} fw={700} span>
                    {figure.value}
                  </Text>
                </FigureLink>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-distribution">
            <Title order={2} fz="lg" id="survey-distribution" mb="sm">
              {t('distribution')}
            </Title>
            {data.overall.csatDistribution ? (
              <Stack gap="xs">
                {[1, 2, 3, 4, 5]
                  .map((score, i) => ({ score, i, count: data.overall.csatDistribution?.[i] ?? 0 }))
                  .map(({ score, i, count }) => (
                    <Group key={score} gap="sm" wrap="nowrap">
                      <Text w={64}>
                        <FigureLink cell={{ csat: score }} responses={count} label={t('score', { score: number(score) })}>
                          {t('score', { score: number(score) })}
                        </FigureLink>
                      </Text>
                      <Progress
                        flex={1}
                        value={(count / Math.max(1, data.overall.responses)) * 100}
                        color={i < 2 ? 'red' : i === 2 ? 'yellow' : 'teal'}
                        aria-hidden
                      />
                      <Text w={48} ta="end">
                        {number(count)}
                      </Text>
                    </Group>
                  ))}
              </Stack>
            ) : (
              <Text c="dimmed">{data.overall.responses ? t('smallCell') : t('empty')}</Text>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-months">
            <Title order={2} fz="lg" id="survey-months" mb="sm">
              {t('byMonth')}
            </Title>
            {data.byMonth.length ? (
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mb="md">
                <MonthChart
                  id="chart-csat"
                  title={t('chartCsat')}
                  points={data.byMonth.map((m) => ({ month: m.month, value: m.csatAverage, responses: m.responses }))}
                  max={5}
                  format={(value) => number(value)}
                  color="var(--mantine-color-teal-7)"
                />
                <MonthChart
                  id="chart-rate"
                  title={t('chartRate')}
                  points={data.byMonth.map((m) => ({ month: m.month, value: m.responseRate, responses: m.responses }))}
                  max={100}
                  format={(value) => `${number(value)}%`}
                  color="var(--mantine-color-blue-7)"
                />
              </SimpleGrid>
            ) : null}
            {/* The charts' figures as text (screen readers, print): "too few to show" where a month has under 5. */}
            <Cells
              rows={data.byMonth.map((m) => ({
                ...m,
                key: m.month,
                label: monthLabel(m.month),
                cell: { from: m.month, to: m.month },
              }))}
              keyLabel={t('month')}
              show={(value, suffix) => (value === null ? t('tooFew') : `${number(value)}${suffix ?? ''}`)}
            />
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-breakdown">
            <Group justify="space-between" mb="sm">
              <Title order={2} fz="lg" id="survey-breakdown">
                {t('breakdown')}
              </Title>
              <Select
                aria-label={t('breakdown')}
                data={RESULT_DIMENSIONS.map((d) => ({ value: d, label: t(`by.${d}`) }))}
                value={by}
                onChange={(value) => value && setBy(value as Dimension)}
                allowDeselect={false}
              />
            </Group>
            <Cells
              rows={(data.breakdown ?? []).map((b) => ({ ...b, key: b.key ?? t('unknownKey'), cell: { by, key: b.key ?? '' } }))}
              keyLabel={t(`by.${by}`)}
              show={show}
            />
          </Paper>
        </>
      )}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-comments">
        <Title order={2} fz="lg" id="survey-comments" mb="sm">
          {t('comments')}
        </Title>
        {comments.data?.items.length ? (
          <Stack gap="sm">
            {comments.data.items.map((c) => (
              <Stack key={c.id} gap={2}>
                {/* Free text is shown as text (React escapes it). */}
                <Text style={{ whiteSpace: 'pre-wrap' }}>{c.comment}</Text>
                <Group gap="sm">
                  <Text size="sm" c="dimmed">
                    {c.csat !== null ? t('score', { score: number(c.csat) }) : ''}
                  </Text>
                  {c.case && CASE_PATH[c.case.kind] ? (
                    <Anchor component={Link} to={`${CASE_PATH[c.case.kind]}/${c.case.id}`} size="sm">
                      {t('openCase')}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('anonymous')}
                    </Text>
                  )}
                </Group>
              </Stack>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{t('noComments')}</Text>
        )}
      </Paper>
    </Stack>
  );
}
