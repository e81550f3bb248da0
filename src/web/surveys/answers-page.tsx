import { Alert, Anchor, Badge, Button, Group, Pagination, Paper, Select, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ANSWER_SORTS, type AnswersCell, type AnswersQuery } from '../../contracts/survey-answers.js';
import { RESULT_DIMENSIONS } from '../../contracts/surveys.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { AnswerCard } from './answer-card.js';
import { SURVEYS_NS } from './i18n.js';
import { useMonthLabel } from './month-chart.js';
import { exportAnswers, useQuestionnaires, useSurveyAnswers } from './surveys-api.js';

type Dimension = (typeof RESULT_DIMENSIONS)[number];

/** The figure the address names (what the results page linked from). */
function cellOf(params: URLSearchParams): AnswersCell {
  const text = (name: string) => params.get(name) ?? undefined;
  const by = text('by');
  const csat = Number(params.get('csat'));
  return {
    from: text('from'),
    to: text('to'),
    questionnaireId: text('questionnaireId'),
    by: by && (RESULT_DIMENSIONS as readonly string[]).includes(by) ? (by as Dimension) : undefined,
    key: by ? (params.get('key') ?? undefined) : undefined,
    csat: csat >= 1 && csat <= 5 ? csat : undefined,
  };
}

/**
 * Issue 24 §5 (H1, F2): the answers behind one results figure — with comments and the case each is
 * about, newest first or by score, a page at a time, and exported as a sheet. The server keeps a
 * figure of fewer than 5 answers closed and shows row by row only families in the reader's scope.
 */
export function SurveyAnswersPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const monthLabel = useMonthLabel();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const cell = cellOf(params);
  const sort = (ANSWER_SORTS as readonly string[]).includes(params.get('sort') ?? '')
    ? (params.get('sort') as AnswersQuery['sort'])
    : 'submittedAt';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const answers = useSurveyAnswers({ ...cell, sort, order, page, pageSize: 20 });
  const questionnaires = useQuestionnaires();
  const download = useMutation({
    mutationFn: (format: 'xlsx' | 'csv') => exportAnswers(format, cell),
    onSuccess: (name) => notifySuccess(t('answers.exported', { name })),
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  const change = (values: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(values)) next.set(name, value);
      return next;
    });
  if (!hasRole(me.roles, 'management', 'contact-officer')) return <NotAllowed />;
  const questionnaire = questionnaires.data?.find((q) => q.id === cell.questionnaireId);
  const filters = [
    cell.from && cell.from === cell.to ? t('answers.inMonth', { month: monthLabel(cell.from) }) : null,
    cell.from && cell.from !== cell.to ? t('answers.fromMonth', { month: monthLabel(cell.from) }) : null,
    cell.to && cell.from !== cell.to ? t('answers.toMonth', { month: monthLabel(cell.to) }) : null,
    cell.by
      ? `${t(`by.${cell.by}`)}: ${cell.by === 'questionnaire' ? (questionnaires.data?.find((q) => q.id === cell.key)?.current.titleAr ?? cell.key) : cell.key || t('unknownKey')}`
      : null,
    questionnaire ? `${t('by.questionnaire')}: ${questionnaire.current.titleAr}` : null,
    cell.csat ? t('score', { score: number(cell.csat) }) : null,
  ].filter((f): f is string => Boolean(f));
  return (
    <Page
      title={t('answers.title')}
      actions={
        <Anchor component={Link} to="/surveys">
          {t('answers.back')}
        </Anchor>
      }
    >
      <Group gap="xs" aria-label={t('answers.figure')}>
        {(filters.length ? filters : [t('answers.all')]).map((f) => (
          <Badge key={f} variant="light" size="lg">
            {f}
          </Badge>
        ))}
      </Group>
      {answers.isPending ? (
        <PageLoader />
      ) : answers.isError ? (
        <LoadFailure message={errorMessage(tc, answers.error)} />
      ) : answers.data.isSmallCell ? (
        <Alert color="yellow" variant="light" role="status">
          {t('answers.smallCell', { count: answers.data.cellResponses })}
        </Alert>
      ) : (
        <Stack gap="md">
          <Text>{t('answers.counts', { count: answers.data.cellResponses, visible: number(answers.data.total) })}</Text>
          {answers.data.total < answers.data.cellResponses && (
            <Text size="sm" c="dimmed">
              {t('answers.outOfScope')}
            </Text>
          )}
          <Group justify="space-between" align="flex-end">
            <Group align="flex-end">
              <Select
                label={t('answers.sort')}
                data={ANSWER_SORTS.map((s) => ({ value: s, label: t(`answers.sorts.${s}`) }))}
                value={sort}
                onChange={(value) => value && change({ sort: value, page: '1' })}
                allowDeselect={false}
              />
              <Select
                label={t('answers.order')}
                data={[
                  { value: 'desc', label: t('answers.desc') },
                  { value: 'asc', label: t('answers.asc') },
                ]}
                value={order}
                onChange={(value) => value && change({ order: value, page: '1' })}
                allowDeselect={false}
              />
            </Group>
            <Group gap="xs">
              {(['xlsx', 'csv'] as const).map((format) => (
                <Button
                  key={format}
                  variant="default"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  loading={download.isPending && download.variables === format}
                  onClick={() => download.mutate(format)}
                  disabled={answers.data.total === 0}
                >
                  {t(`answers.export.${format}`)}
                </Button>
              ))}
            </Group>
          </Group>
          {answers.data.items.length === 0 ? (
            <Text c="dimmed">{t('answers.empty')}</Text>
          ) : (
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {answers.data.items.map((answer) => (
                <Paper key={answer.id} withBorder radius="md" p="md" component="li">
                  <AnswerCard answer={answer} version={answers.data.versions.find((v) => v.id === answer.versionId)} />
                </Paper>
              ))}
            </Stack>
          )}
          {answers.data.total > answers.data.pageSize && (
            <Pagination
              total={Math.ceil(answers.data.total / answers.data.pageSize)}
              value={page}
              onChange={(value) => change({ page: String(value) })}
              getControlProps={(control) => ({ 'aria-label': t(`answers.pageControl.${control}`) })}
              getItemProps={(n) => ({ 'aria-label': t('answers.pageN', { n }) })}
            />
          )}
        </Stack>
      )}
    </Page>
  );
}
