import { Checkbox, Group, Radio, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Answers, AnswerValue, RequestType } from '../../contracts/requests.js';
import { DualDay } from '../ui/dual-day.js';
import { LIST_SEPARATOR } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { NumberField } from '../ui/number-field.js';
import { REQUESTS_NS } from './i18n.js';

type Item = RequestType['checklist'][number];

/** Empty answers are left out (or sent as null when clearing), so "missing" means the same on both sides. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The answers worth sending: trimmed, empty ones dropped (or null when `keepClears`, to clear a saved one). */
export function cleanAnswers(answers: Answers, keepClears = false): Answers {
  const clean: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const trimmed = typeof value === 'string' ? value.trim() : value;
    if (isAnswered(trimmed)) clean[key] = trimmed ?? null;
    else if (keepClears) clean[key] = null;
  }
  return clean;
}

/**
 * The checklist's fields of a request type (C3), each with the input its type needs: text, long
 * text, number, day (shown in both calendars), yes/no, one choice or several.
 */
export function AnswerFields({
  items,
  answers,
  errors,
  isDisabled = false,
  onChange,
}: {
  items: readonly Item[];
  answers: Answers;
  errors: Record<string, string | undefined>;
  isDisabled?: boolean;
  onChange(key: string, value: AnswerValue): void;
}) {
  const { language } = useLanguage();
  const fields = items.filter((item) => item.kind === 'field');
  if (fields.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {fields.map((item) => (
        <AnswerField
          key={item.key}
          item={item}
          label={language === 'ar' ? item.labelAr : item.labelEn}
          value={answers[item.key]}
          error={errors[item.key]}
          isDisabled={isDisabled}
          onChange={(value) => onChange(item.key, value)}
        />
      ))}
    </SimpleGrid>
  );
}

function AnswerField({
  item,
  label,
  value,
  error,
  isDisabled,
  onChange,
}: {
  item: Item;
  label: string;
  value: AnswerValue | undefined;
  error: string | undefined;
  isDisabled: boolean;
  onChange(value: AnswerValue): void;
}) {
  const { t } = useTranslation(REQUESTS_NS);
  const { language } = useLanguage();
  const common = { label, required: item.isRequired, error, disabled: isDisabled };
  const options = (item.options ?? []).map((option) => ({
    value: option.value,
    label: language === 'ar' ? option.labelAr : option.labelEn,
  }));
  switch (item.fieldType) {
    case 'long-text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxLength={4000}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          style={{ gridColumn: '1 / -1' }}
        />
      );
    case 'number':
      return (
        <NumberField
          {...common}
          kind="decimal"
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(next === '' ? null : next)}
        />
      );
    case 'date': {
      const day = typeof value === 'string' ? value : '';
      return (
        <TextInput
          {...common}
          type="date"
          dir="ltr"
          value={day}
          onChange={(event) => onChange(event.currentTarget.value || null)}
          description={/^\d{4}-\d{2}-\d{2}$/.test(day) ? <DualDay value={day} inline /> : undefined}
        />
      );
    }
    case 'yes-no':
      return (
        <Radio.Group {...common} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(next) => onChange(next === 'yes')}>
          <Group gap="md" mt={6}>
            <Radio value="yes" label={t('yes')} disabled={isDisabled} />
            <Radio value="no" label={t('no')} disabled={isDisabled} />
          </Group>
        </Radio.Group>
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={options}
          clearable={!item.isRequired}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
        />
      );
    case 'multi-choice':
      return (
        <Checkbox.Group {...common} value={Array.isArray(value) ? value : []} onChange={(next) => onChange(next)}>
          <Group gap="md" mt={6}>
            {options.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} disabled={isDisabled} />
            ))}
          </Group>
        </Checkbox.Group>
      );
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

/** An answer as text, for the review the family attests and for read-only views. */
export function answerText(item: Item, value: AnswerValue | undefined, language: 'ar' | 'en', yesNo: { yes: string; no: string }): string {
  if (!isAnswered(value)) return '—';
  const optionLabel = (code: string) => {
    const option = item.options?.find((candidate) => candidate.value === code);
    return option ? (language === 'ar' ? option.labelAr : option.labelEn) : code;
  };
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  if (Array.isArray(value)) return value.map(optionLabel).join(LIST_SEPARATOR[language]);
  if (item.fieldType === 'choice' && typeof value === 'string') return optionLabel(value);
  return String(value);
}
