import { Checkbox, Group, Paper, Radio, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answers, type AnswerValue, isShown, type SurveyQuestion } from '../../domain/survey.js';
import { SURVEYS_NS } from './i18n.js';
import { choicesOf } from './question-card.js';

/**
 * The builder's preview (issue 24 §1): the questions as a respondent meets them, in Arabic or English,
 * with the skip logic live — answer a question and the ones waiting for it appear.
 */
export function SurveyPreview({ title, questions }: { title: { ar: string; en: string }; questions: SurveyQuestion[] }) {
  const { t } = useTranslation(SURVEYS_NS);
  const [language, setLanguage] = useState<'ar' | 'en'>('ar');
  const [answers, setAnswers] = useState<Answers>({});
  const set = (id: string, value: AnswerValue | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
  const yesNo: [string, string] = language === 'ar' ? ['نعم', 'لا'] : ['Yes', 'No'];
  const shown = questions.filter((q) => isShown(q, answers));
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t('builder.previewLanguage')}
        value={language}
        onChange={(value) => setLanguage(value as 'ar' | 'en')}
        data={[
          { value: 'ar', label: 'العربية' },
          { value: 'en', label: 'English' },
        ]}
        w="fit-content"
      />
      <Paper withBorder radius="md" p="md" dir={language === 'ar' ? 'rtl' : 'ltr'} lang={language} maw={420}>
        <Stack gap="md">
          <Title order={2} fz="lg">
            {language === 'ar' ? title.ar : title.en}
          </Title>
          <Text size="sm" c="dimmed">
            {language === 'ar' ? `عدد الأسئلة: ${shown.length}` : `Questions: ${shown.length}`}
          </Text>
          {shown.map((q) => {
            const label = `${language === 'ar' ? q.textAr : q.textEn}${q.isRequired ? ' *' : ''}`;
            const choices = choicesOf(q, language, yesNo);
            if (q.kind === 'text')
              return (
                <Textarea
                  key={q.id}
                  label={label}
                  value={(answers[q.id] as string) ?? ''}
                  onChange={(e) => set(q.id, e.currentTarget.value || undefined)}
                />
              );
            if (q.kind === 'multiple')
              return (
                <Checkbox.Group
                  key={q.id}
                  label={label}
                  value={(answers[q.id] as string[]) ?? []}
                  onChange={(values) => set(q.id, values.length ? values : undefined)}
                >
                  <Stack gap={4} mt={4}>
                    {choices.map((c) => (
                      <Checkbox key={String(c.value)} value={String(c.value)} label={c.label} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              );
            return (
              <Radio.Group
                key={q.id}
                label={label}
                value={answers[q.id] === undefined ? null : String(answers[q.id])}
                onChange={(value) => set(q.id, choices.find((c) => String(c.value) === value)?.value)}
              >
                <Group gap="xs" mt={4}>
                  {choices.map((c) => (
                    <Radio key={String(c.value)} value={String(c.value)} label={c.label} />
                  ))}
                </Group>
              </Radio.Group>
            );
          })}
        </Stack>
      </Paper>
    </Stack>
  );
}
