import { ActionIcon, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS, type QuestionKind, type SurveyQuestion } from '../../domain/survey.js';
import { useLanguage } from '../ui/language.js';
import { SURVEYS_NS } from './i18n.js';
import type { EditorValues } from './questionnaire-form.js';

type Form = UseFormReturnType<EditorValues>;
type Choice = string | number | boolean;

const hasOptions = (kind: QuestionKind) => kind === 'single' || kind === 'multiple';

/** The answers a later question's skip logic may wait for: scores, yes or no, or the options. */
export function choicesOf(
  question: SurveyQuestion,
  language: 'ar' | 'en',
  yesNo: [string, string],
): Array<{ value: Choice; label: string }> {
  switch (question.kind) {
    case 'csat':
      return [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));
    case 'nps':
      return Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
    case 'yes-no':
      return [
        { value: true, label: yesNo[0] },
        { value: false, label: yesNo[1] },
      ];
    case 'single':
    case 'multiple':
      return (question.options ?? []).map((o) => ({ value: o.value, label: (language === 'ar' ? o.labelAr : o.labelEn) || o.value }));
    default:
      return [];
  }
}

/**
 * One question of the builder (issue 24 §1; H1): its kind, Arabic and English side by side,
 * required or not, options for choices, and simple skip logic on an earlier question's answers.
 * Problems the server or `checkQuestions` found show under the field they are about.
 */
export function QuestionCard({ form, index, count }: { form: Form; index: number; count: number }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { language } = useLanguage();
  const at = `questions.${index}`;
  const question = form.getValues().questions[index] as SurveyQuestion;
  const earlier = form
    .getValues()
    .questions.slice(0, index)
    .filter((q) => q.kind !== 'text');
  const target = earlier.find((q) => q.id === question.showIf?.questionId);
  const yesNo: [string, string] = [t('builder.yes'), t('builder.no')];
  const targetChoices = target ? choicesOf(target, language, yesNo) : [];
  const number = index + 1;
  const setKind = (kind: QuestionKind) => {
    form.setFieldValue(`${at}.kind`, kind);
    if (hasOptions(kind) && !question.options?.length)
      form.setFieldValue(`${at}.options`, [
        { value: 'a', labelAr: '', labelEn: '' },
        { value: 'b', labelAr: '', labelEn: '' },
      ]);
    if (!hasOptions(kind)) form.setFieldValue(`${at}.options`, undefined);
  };
  return (
    <Paper withBorder radius="md" p="md" component="fieldset" aria-label={t('builder.questionN', { n: number })} style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>{t('builder.questionN', { n: number })}</Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              onClick={() => form.reorderListItem('questions', { from: index, to: index - 1 })}
              aria-label={t('builder.moveUp', { n: number })}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === count - 1}
              onClick={() => form.reorderListItem('questions', { from: index, to: index + 1 })}
              aria-label={t('builder.moveDown', { n: number })}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={count === 1}
              onClick={() => form.removeListItem('questions', index)}
              aria-label={t('builder.remove', { n: number })}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Group align="flex-end">
          <Select
            label={t('builder.kind')}
            data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`builder.kinds.${k}`) }))}
            value={question.kind}
            onChange={(value) => value && setKind(value as QuestionKind)}
            allowDeselect={false}
            error={form.errors[`${at}.kind`]}
          />
          <Switch label={t('builder.required')} {...form.getInputProps(`${at}.isRequired`, { type: 'checkbox' })} />
        </Group>
        {form.errors[`${at}.id`] && (
          <Text c="red" size="sm" role="alert">
            {form.errors[`${at}.id`]}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('builder.textAr')} dir="rtl" lang="ar" {...form.getInputProps(`${at}.textAr`)} />
          <TextInput label={t('builder.textEn')} dir="ltr" lang="en" {...form.getInputProps(`${at}.textEn`)} />
        </SimpleGrid>
        {hasOptions(question.kind) && <OptionsEditor form={form} at={at} />}
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('builder.showIf')}
            placeholder={t('builder.always')}
            data={earlier.map((q) => ({
              value: q.id,
              label: `${form.getValues().questions.indexOf(q) + 1}. ${(language === 'ar' ? q.textAr : q.textEn) || q.id}`,
            }))}
            value={question.showIf?.questionId ?? null}
            onChange={(value) => form.setFieldValue(`${at}.showIf`, value ? { questionId: value, anyOf: [] } : undefined)}
            clearable
            error={form.errors[`${at}.showIf`]}
          />
          {question.showIf && (
            <MultiSelect
              label={t('builder.showIfAnswers')}
              data={targetChoices.map((c) => ({ value: String(c.value), label: c.label }))}
              value={question.showIf.anyOf.map(String)}
              onChange={(values) =>
                form.setFieldValue(
                  `${at}.showIf.anyOf`,
                  values.map((v) => targetChoices.find((c) => String(c.value) === v)?.value ?? v),
                )
              }
              error={form.errors[`${at}.showIf.anyOf`]}
              miw={220}
            />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function OptionsEditor({ form, at }: { form: Form; at: string }) {
  const { t } = useTranslation(SURVEYS_NS);
  const index = Number(at.split('.')[1]);
  const options = form.getValues().questions[index]?.options ?? [];
  const nextValue = () => {
    const taken = new Set(options.map((o) => o.value));
    let n = options.length + 1;
    while (taken.has(`o${n}`)) n += 1;
    return `o${n}`;
  };
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('builder.options')}
      </Text>
      {options.map((option, i) => (
        <Group key={option.value} align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={t('builder.optionAr', { n: i + 1 })}
            dir="rtl"
            lang="ar"
            flex={1}
            {...form.getInputProps(`${at}.options.${i}.labelAr`)}
          />
          <TextInput
            aria-label={t('builder.optionEn', { n: i + 1 })}
            dir="ltr"
            lang="en"
            flex={1}
            {...form.getInputProps(`${at}.options.${i}.labelEn`)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={4}
            onClick={() => form.removeListItem(`${at}.options`, i)}
            aria-label={t('builder.removeOption', { n: i + 1 })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {form.errors[`${at}.options`] && (
        <Text c="red" size="sm" role="alert">
          {form.errors[`${at}.options`]}
        </Text>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => form.insertListItem(`${at}.options`, { value: nextValue(), labelAr: '', labelEn: '' })}
        w="fit-content"
      >
        {t('builder.addOption')}
      </Button>
    </Stack>
  );
}
