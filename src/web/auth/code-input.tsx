import { TextInput, type TextInputProps } from '@mantine/core';
import { toLatinDigits } from '../../domain/digits.js';

/** The 6-digit code from an authenticator app; Arabic-Indic digits are accepted and read as Latin. */
export function CodeInput({ onChange, ...props }: Omit<TextInputProps, 'onChange'> & { onChange(value: string): void }) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      dir="ltr"
      maxLength={6}
      size="lg"
      styles={{ input: { letterSpacing: '0.4em', textAlign: 'center', fontVariantNumeric: 'tabular-nums' } }}
      onChange={(event) => onChange(toLatinDigits(event.currentTarget.value).replace(/\D/g, ''))}
      {...props}
    />
  );
}
