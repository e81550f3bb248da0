import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDayFormat } from './day-format.js';
import { CALENDAR_NS } from './i18n.js';

/**
 * A Gregorian date picker (the browser's own, which every phone has) that says the Umm al-Qura
 * date and weekday of what is picked, so an announcement given in Hijri is easy to match.
 */
export function DayInput({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange' | 'value'> & { value: string; onChange(day: string): void }) {
  const { t } = useTranslation(CALENDAR_NS);
  const days = useDayFormat();
  const isValid = days.isValidDay(value);
  const hint = isValid ? t('hijriOf', { hijri: days.dual(value).hijri, weekday: days.weekday(value) }) : t('dateHint');
  return (
    <TextInput
      type="date"
      min="2020-01-01"
      max="2100-12-31"
      {...props}
      value={value}
      description={<span aria-live="polite">{hint}</span>}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
