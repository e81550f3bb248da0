import { Stack, Text, TextInput, type TextInputProps } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format.js';
import { type NumberKind, normalizeNumberText, numberText, readNumber } from './numbers.js';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'type'> & {
  kind: NumberKind;
  /** A number (halalas for riyals), or '' / null when empty — what Mantine's NumberInput gives a form. */
  value?: number | string | null;
  /** The number read, or '' when the field is empty or cannot be read (the field then says why). */
  onChange(value: number | ''): void;
};

/**
 * The one number field (issue 27 §5): Mantine's NumberInput drops Arabic-Indic and Persian digits,
 * so this is a text field that reads Latin, ٠-٩ and ۰-۹ digits (and ٫ ٬ separators) and says under
 * itself what it understood — ٥٠٠٠ typed into an amount shows "Read as: 5,000 riyals".
 */
export function NumberField({ kind, value, onChange, description, error, ...rest }: Props) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const [text, setText] = useState(() => (typeof value === 'number' ? numberText(value, kind) : ''));
  // A value set from outside (a reset, a loaded record) replaces the text unless it already says it.
  useEffect(() => {
    const read = readNumber(text, kind);
    const shown = read.state === 'read' ? read.value : '';
    const next = typeof value === 'number' ? value : '';
    if (shown !== next && !(next === '' && read.state === 'unreadable')) setText(numberText(next === '' ? null : next, kind));
  }, [value, kind, text]);

  const read = readNumber(text, kind);
  const isLatinAsTyped = read.state === 'read' && normalizeNumberText(text) === text.trim() && kind !== 'riyals';
  let understood: ReactNode = null;
  if (read.state === 'read' && !isLatinAsTyped) understood = understoodText(t, kind, read.value, number);
  const unreadable =
    read.state === 'unreadable' ? t(kind === 'riyals' ? 'common.numberField.unreadableRiyals' : 'common.numberField.unreadable') : null;

  return (
    <TextInput
      {...rest}
      type="text"
      inputMode={kind === 'decimal' || kind === 'riyals' ? 'decimal' : 'numeric'}
      dir="ltr"
      value={text}
      error={unreadable ?? error}
      description={
        understood ? (
          <Stack gap={0} component="span">
            {description && <span>{description}</span>}
            <Text span size="xs" c="var(--mantine-color-text)" fw={600} data-testid="number-understood">
              {understood}
            </Text>
          </Stack>
        ) : (
          description
        )
      }
      onChange={(event) => {
        const typed = event.currentTarget.value;
        setText(typed);
        const next = readNumber(typed, kind);
        onChange(next.state === 'read' ? next.value : '');
      }}
    />
  );
}

function understoodText(
  t: (key: string, options?: Record<string, unknown>) => string,
  kind: NumberKind,
  value: number,
  format: (value: number) => string,
): string {
  if (kind === 'riyals') return t('common.numberField.readRiyals', { value: format(value / 100) });
  if (kind === 'days') return t('common.numberField.readDays', { count: value, value: format(value) });
  return t('common.numberField.read', { value: format(value) });
}
