import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { answeredVersion, SurveyAnswer } from '../../contracts/survey-answers.js';
import type { AnswerValue, SurveyQuestion } from '../../domain/survey.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { SURVEYS_NS } from './i18n.js';
import { useMonthLabel } from './month-chart.js';

type Version = z.infer<typeof answeredVersion>;
const CASE_PATH: Record<string, string> = { request: '/requests', complaint: '/complaints', inquiry: '/inquiries' };

/** One response: its date, scores, each answer under its question, the comment, and the case it is about (issue 24 §5). */
export function AnswerCard({ answer, version }: { answer: SurveyAnswer; version: Version | undefined }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { language } = useLanguage();
  const { number } = useFormat();
  const monthLabel = useMonthLabel();
  const valueText = (question: SurveyQuestion, value: AnswerValue) => {
    if (typeof value === 'boolean') return value ? t('builder.yes') : t('builder.no');
    if (typeof value === 'number') return number(value);
    const label = (v: string) => {
      const option = question.options?.find((o) => o.value === v);
      return option ? (language === 'ar' ? option.labelAr : option.labelEn) : v;
    };
    return Array.isArray(value) ? value.map(label).join(language === 'ar' ? '، ' : ', ') : label(value);
  };
  const answered = (version?.questions ?? []).filter((q) => answer.answers[q.id] !== undefined && q.kind !== 'text');
  return (
    <Stack gap={6}>
      <Group gap="md" justify="space-between">
        <Text size="sm" c="dimmed">
          {/* An anonymous answer comes with its month only (the server keeps its day from readers). */}
          {answer.isAnonymous ? monthLabel(answer.submittedAt) : <DualDay value={answer.submittedAt} inline />}
          {version ? ` · ${language === 'ar' ? version.titleAr : version.titleEn} (${t('builder.versionN', { n: version.version })})` : ''}
          {answer.source === 'complaint-step' ? ` · ${t('answers.recorded')}` : ''}
        </Text>
        <Group gap="sm">
          {answer.csat !== null && <Text fw={600}>{t('score', { score: number(answer.csat) })}</Text>}
          {answer.nps !== null && <Text fw={600}>{t('answers.npsValue', { value: number(answer.nps) })}</Text>}
        </Group>
      </Group>
      {answered.length > 0 && (
        <Stack gap={2} component="dl" m={0}>
          {answered.map((q) => (
            <Group key={q.id} gap={6} wrap="wrap">
              <Text component="dt" size="sm" c="dimmed">
                {language === 'ar' ? q.textAr : q.textEn}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {valueText(q, answer.answers[q.id] as AnswerValue)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {/* Free text is shown as text (React escapes it). */}
      {answer.comment && <Text style={{ whiteSpace: 'pre-wrap' }}>{answer.comment}</Text>}
      {answer.case && CASE_PATH[answer.case.kind] ? (
        <Anchor component={Link} to={`${CASE_PATH[answer.case.kind]}/${answer.case.id}`} size="sm" w="fit-content">
          {t('openCase')}
        </Anchor>
      ) : (
        !answer.case && (
          <Text size="sm" c="dimmed">
            {t('anonymous')}
          </Text>
        )
      )}
    </Stack>
  );
}
