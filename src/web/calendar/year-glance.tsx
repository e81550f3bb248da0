import { Box, SimpleGrid, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AdminHolidays } from './calendar-api.js';
import { useDayFormat } from './day-format.js';
import { CALENDAR_NS } from './i18n.js';

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** Sunday first: the Saudi week. */
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/**
 * Twelve small month tables, Sunday first (the Saudi week): days off coloured (edited ones marked
 * apart), weekend days shaded. Each day off names itself for screen readers; the list below the
 * grid says the same in full.
 */
export function YearGlance({ year, holidays, weekend }: { year: number; holidays: AdminHolidays['holidays']; weekend: readonly number[] }) {
  const { t } = useTranslation(CALENDAR_NS);
  const days = useDayFormat();
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="md" verticalSpacing="md">
      {MONTHS.map((month) => {
        const first = new Date(Date.UTC(year, month, 1));
        const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const offset = first.getUTCDay();
        const weekCount = Math.ceil((offset + length) / 7);
        const weeks = Array.from({ length: weekCount }, (_, w) => ({
          key: `${month}-${w}`,
          cells: WEEKDAYS.map((weekday) => {
            const date = w * 7 + weekday - offset + 1;
            return { key: `${month}-${w}-${weekday}`, weekday, date: date >= 1 && date <= length ? date : null };
          }),
        }));
        return (
          <table key={month} className="sila-month">
            <caption>
              <Text component="span" fw={600} size="sm">
                {days.month(month)}
              </Text>
            </caption>
            <thead>
              <tr>
                {WEEKDAYS.map((weekday) => (
                  <th key={weekday} scope="col" abbr={t(`weekdays.${weekday}`)}>
                    {days.weekdayInitials[weekday]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.key}>
                  {week.cells.map(({ key, weekday, date }) => {
                    if (date === null) return <td key={key} />;
                    const day = `${year}-${pad(month + 1)}-${pad(date)}`;
                    const holiday = byDate.get(day);
                    const kind = holiday ? (holiday.isEdited ? 'edited' : 'holiday') : weekend.includes(weekday) ? 'weekend' : 'working';
                    return (
                      <td key={key} data-day={day} data-kind={kind} title={holiday ? holiday.nameAr : undefined}>
                        <Box component="span" className="sila-month-day">
                          {days.number(date)}
                        </Box>
                        {holiday && <VisuallyHidden>{t('dayOff', { name: holiday.nameAr })}</VisuallyHidden>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </SimpleGrid>
  );
}

export function GlanceLegend() {
  const { t } = useTranslation(CALENDAR_NS);
  return (
    <Box className="sila-month-legend" aria-hidden>
      <span data-kind="holiday">{t('legendHoliday')}</span>
      <span data-kind="edited">{t('legendEdited')}</span>
      <span data-kind="weekend">{t('legendWeekend')}</span>
    </Box>
  );
}
