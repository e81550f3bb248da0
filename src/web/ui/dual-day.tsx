import { Text } from '@mantine/core';
import { formatDualDate } from '../../domain/dates.js';
import { useFormat } from './format.js';
import { useLanguage } from './language.js';

/**
 * A day or an instant in both calendars (X2): Hijri (Umm al-Qura) first, Gregorian under it.
 * `inline` puts both on one line, as in a sentence.
 */
export function DualDay({ value, withTime = false, inline = false }: { value: string; withTime?: boolean; inline?: boolean }) {
  const { language } = useLanguage();
  const { digits } = useFormat();
  const date = formatDualDate(value, { language, digits, withTime });
  if (inline) {
    return (
      <span>
        {date.hijri}{' '}
        <Text span c="dimmed" size="sm">
          ({date.gregorian})
        </Text>
      </span>
    );
  }
  return (
    <>
      <Text size="sm" component="span" display="block">
        {date.hijri}
      </Text>
      <Text size="xs" c="dimmed" component="span" display="block">
        {date.gregorian}
      </Text>
    </>
  );
}
