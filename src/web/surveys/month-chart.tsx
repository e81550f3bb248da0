import { Box, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnswersCell } from '../../contracts/survey-answers.js';
import { MIN_CELL } from '../../domain/survey.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { SURVEYS_NS } from './i18n.js';
import { answersPath } from './surveys-api.js';

export interface MonthPoint {
  month: string;
  /** The figure, or null when the month has too few answers (or invitations) to show it. */
  value: number | null;
  /** Responses counted in the month: the bar opens the answers behind it only from MIN_CELL. */
  responses: number;
}

/** "2026-12" as the reader's month name and year, Gregorian (the results are kept by Gregorian month). */
export function useMonthLabel() {
  const { language } = useLanguage();
  const { digits } = useFormat();
  const format = new Intl.DateTimeFormat(`${language}-u-ca-gregory-nu-${digits}`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // A month from the address bar may be anything: shown as typed unless it is YYYY-MM.
  return (month: string) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? format.format(new Date(`${month}-01T00:00:00Z`)) : month);
}

const BAR_AREA = 120;

/**
 * A month chart of one figure (issue 24 §5; H1): one bar a month, each a link to the answers behind
 * it; a month with too few answers shows a dashed stub and says "too few to show" to everyone
 * (small-cell rule). Bars are HTML, so they follow the page's direction (Arabic: the first month on
 * the right) and scroll sideways at 360 px; every bar has a full label for screen readers, and the
 * months table beside the chart holds the same figures as text.
 */
export function MonthChart({
  id,
  title,
  points,
  max,
  format,
  color,
}: {
  id: string;
  title: string;
  points: MonthPoint[];
  max: number;
  format(value: number): string;
  color: string;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const monthLabel = useMonthLabel();
  return (
    <Stack gap={4} component="figure" m={0} aria-labelledby={`${id}-title`}>
      <Text fw={600} id={`${id}-title`} component="figcaption">
        {title}
      </Text>
      {/* Scrolls sideways on phones: reachable by keyboard (tabIndex) even when no month is a link. */}
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="group" aria-label={title}>
        <Box component="ul" display="flex" style={{ gap: 6, listStyle: 'none', padding: 0, margin: 0, alignItems: 'flex-end' }}>
          {points.map((point) => {
            const label = `${monthLabel(point.month)}: ${point.value === null ? t('tooFew') : format(point.value)}`;
            const cell: AnswersCell = { from: point.month, to: point.month };
            const bar = (
              <Stack gap={2} align="center" w={56}>
                <Text size="xs" fw={600} aria-hidden>
                  {point.value === null ? t('none') : format(point.value)}
                </Text>
                <Box
                  aria-hidden
                  w={28}
                  h={point.value === null ? 8 : Math.max(2, (point.value / max) * BAR_AREA)}
                  style={{
                    background: point.value === null ? 'transparent' : color,
                    border: point.value === null ? '1px dashed var(--mantine-color-gray-6)' : undefined,
                    borderRadius: 2,
                  }}
                />
                <Text size="xs" c="dimmed" ta="center" aria-hidden lh={1.3}>
                  {monthLabel(point.month)}
                </Text>
              </Stack>
            );
            return (
              <li key={point.month} data-month={point.month}>
                {point.value !== null && point.responses >= MIN_CELL ? (
                  <UnstyledButton component={Link} to={answersPath(cell)} aria-label={t('answers.open', { figure: label })}>
                    {bar}
                  </UnstyledButton>
                ) : (
                  // Not a link: a month of fewer than 5 answers opens none (the server refuses it too).
                  <Box role="img" aria-label={label}>
                    {bar}
                  </Box>
                )}
              </li>
            );
          })}
        </Box>
      </Box>
      <Text size="xs" c="dimmed">
        {t('tooFewLegend')}
      </Text>
    </Stack>
  );
}
