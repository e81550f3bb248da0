import { Alert, Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconArrowsExchange, IconCalendarPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useLanguage } from '../ui/language.js';
import { notifyError } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ReviewedMark } from '../ui/reviewed-mark.js';
import { ScrollTable } from '../ui/worklist.js';
import './calendar.css';
import {
  type AdminHolidays,
  type HolidayEditRecord,
  useAdminHolidays,
  useEditHolidays,
  useUndoHolidayEdit,
  useWeekend,
} from './calendar-api.js';
import { useDayFormat } from './day-format.js';
import { DeadlineCalculator } from './deadline-calculator.js';
import { AddHolidayDialog, MoveHolidayDialog } from './holiday-dialogs.js';
import { CALENDAR_NS } from './i18n.js';
import { WeekendForm } from './weekend-form.js';
import { GlanceLegend, YearGlance } from './year-glance.js';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;
type Holiday = AdminHolidays['holidays'][number];
type Dialog = { kind: 'add' } | { kind: 'move'; holiday: Holiday } | { kind: 'remove'; holiday: Holiday } | null;

/**
 * Issue 4 §9: the holiday table of this year and next (Gregorian and Umm al-Qura), the
 * administrator's edits with undo, the weekend, and a deadline calculator that shows an edit's effect.
 */
export function HolidaysPage() {
  const { t } = useTranslation(CALENDAR_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const today = riyadhCalendarDay(new Date());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const holidays = useAdminHolidays(year);
  const weekend = useWeekend();
  const days = useDayFormat();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastChange, setLastChange] = useState<string | null>(null);
  const edit = useEditHolidays();
  const undo = useUndoHolidayEdit();

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  const saved = (message: string) => {
    setDialog(null);
    setLastChange(message);
  };
  /** "N open deadlines moved", or a plain sentence when none did. */
  const result = (key: 'saved' | 'undone' | 'weekendSaved', n: number) => (n === 0 ? t(`${key}None`) : t(key, { n: days.number(n) }));
  const onEdited = (n: number) => saved(result('saved', n));
  const onUndo = (id: string) =>
    undo.mutate(id, {
      onSuccess: (answer) => saved(result('undone', answer.recomputedClocks)),
      onError: (error) => notifyError(errorMessage(tc, error)),
    });
  const years = [thisYear, thisYear + 1].map((y) => ({ value: String(y), label: days.year(y) }));

  return (
    <Page
      title={t('title')}
      actions={
        <Button leftSection={<IconCalendarPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'add' })}>
          {t('add')}
        </Button>
      }
    >
      <Text c="dimmed">{t('intro')}</Text>
      <ReviewedMark subject="holidays" />
      {lastChange && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          title={t('lastChange')}
          withCloseButton
          closeButtonLabel={tc('common.close')}
          onClose={() => setLastChange(null)}
        >
          {lastChange}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <DeadlineCalculator today={today} />
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          {weekend.data && <WeekendForm weekend={weekend.data.days} onSaved={(n) => saved(result('weekendSaved', n))} />}
          {weekend.isError && <LoadFailure message={errorMessage(tc, weekend.error)} />}
        </Paper>
      </SimpleGrid>

      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="sm">
          <Text size="sm" fw={500} id="holiday-year">
            {t('year')}
          </Text>
          <SegmentedControl aria-labelledby="holiday-year" value={String(year)} onChange={(value) => setYear(Number(value))} data={years} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('yearHijri', { hijri: days.hijriYears(year) })}
        </Text>
      </Group>

      {holidays.isPending && <PageLoader />}
      {holidays.isError && <LoadFailure message={errorMessage(tc, holidays.error)} />}
      {holidays.data && (
        <>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <Stack gap="sm">
              <Title order={2} fz="h4">
                {t('glance')}
              </Title>
              <GlanceLegend />
              <YearGlance year={holidays.data.year} holidays={holidays.data.holidays} weekend={weekend.data?.days ?? [5, 6]} />
            </Stack>
          </Paper>
          <HolidayList
            data={holidays.data}
            isBusy={edit.isPending || undo.isPending}
            onMove={(holiday) => setDialog({ kind: 'move', holiday })}
            onRemove={(holiday) => setDialog({ kind: 'remove', holiday })}
            onUndo={onUndo}
          />
          <EditList edits={holidays.data.edits} year={holidays.data.year} removed={holidays.data.removedDefaults} onUndo={onUndo} />
        </>
      )}

      {dialog?.kind === 'add' && (
        <AddHolidayDialog defaultDay={year === thisYear ? today : `${year}-01-01`} onClose={() => setDialog(null)} onSaved={onEdited} />
      )}
      {dialog?.kind === 'move' && (
        <MoveHolidayDialog
          from={dialog.holiday.date}
          fromLabel={`${days.weekday(dialog.holiday.date)} ${days.dual(dialog.holiday.date).gregorian}`}
          onClose={() => setDialog(null)}
          onSaved={onEdited}
        />
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          opened
          title={t('removeTitle')}
          message={t('removeMessage', { date: days.dual(dialog.holiday.date).gregorian, name: dialog.holiday.nameAr })}
          confirmLabel={t('remove')}
          color="red"
          isPending={edit.isPending}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            edit.mutate(
              { action: 'remove', date: dialog.holiday.date },
              { onSuccess: (result) => onEdited(result.recomputedClocks), onError: (error) => notifyError(errorMessage(tc, error)) },
            )
          }
        />
      )}
    </Page>
  );
}

function HolidayList({
  data,
  isBusy,
  onMove,
  onRemove,
  onUndo,
}: {
  data: AdminHolidays;
  isBusy: boolean;
  onMove(holiday: Holiday): void;
  onRemove(holiday: Holiday): void;
  onUndo(editId: string): void;
}) {
  const { t } = useTranslation(CALENDAR_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const days = useDayFormat();
  const name = (h: { nameAr: string; nameEn: string }) => (language === 'ar' ? h.nameAr : h.nameEn);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="h4">
            {t('listTitle', { year: days.year(data.year) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('count', { n: days.number(data.holidays.length) })}
          </Text>
        </Group>
        {data.holidays.length === 0 ? (
          <Text>{t('empty')}</Text>
        ) : (
          <ScrollTable minWidth={760} label={t('listTitle', { year: days.year(data.year) })}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('colWeekday')}</Table.Th>
                  <Table.Th scope="col">{t('colDate')}</Table.Th>
                  <Table.Th scope="col">{t('colHijri')}</Table.Th>
                  <Table.Th scope="col">{t('colName')}</Table.Th>
                  <Table.Th scope="col">{t('colKind')}</Table.Th>
                  <Table.Th scope="col">{tc('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.holidays.map((holiday) => {
                  const dual = days.dual(holiday.date);
                  const label = { name: name(holiday), date: dual.gregorian };
                  return (
                    <Table.Tr key={holiday.date} data-date={holiday.date}>
                      <Table.Td style={NO_WRAP}>{days.weekday(holiday.date)}</Table.Td>
                      <Table.Td style={NO_WRAP}>{dual.gregorian}</Table.Td>
                      <Table.Td style={NO_WRAP}>{dual.hijri}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          <bdi dir="rtl">{holiday.nameAr}</bdi>
                        </Text>
                        <Text size="xs" c="dimmed">
                          <bdi dir="ltr">{holiday.nameEn}</bdi>
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{t(`kinds.${holiday.kind}`)}</Text>
                          {holiday.isEdited && (
                            <Badge color="grape" variant="light" size="sm">
                              {t('edited')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            leftSection={<IconArrowsExchange size={16} aria-hidden />}
                            aria-label={t('moveLabel', label)}
                            disabled={isBusy}
                            onClick={() => onMove(holiday)}
                          >
                            {t('move')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={16} aria-hidden />}
                            aria-label={t('removeLabel', label)}
                            disabled={isBusy}
                            onClick={() => onRemove(holiday)}
                          >
                            {t('remove')}
                          </Button>
                          {holiday.editId && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                              leftSection={<IconArrowBackUp size={16} aria-hidden />}
                              aria-label={t('undoLabel', { what: `${label.name} (${label.date})` })}
                              disabled={isBusy}
                              onClick={() => onUndo(holiday.editId as string)}
                            >
                              {t('undo')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}

/** The edits in force for the year (each undoable), and the default days they took away. */
function EditList({
  edits,
  year,
  removed,
  onUndo,
}: {
  edits: HolidayEditRecord[];
  year: number;
  removed: AdminHolidays['removedDefaults'];
  onUndo(id: string): void;
}) {
  const { t } = useTranslation(CALENDAR_NS);
  const { language } = useLanguage();
  const days = useDayFormat();
  const describeEdit = (edit: HolidayEditRecord) => {
    const g = (day: string | null) => (day ? days.dual(day).gregorian : '');
    if (edit.action === 'add') return t('editAdd', { name: language === 'ar' ? edit.nameAr : edit.nameEn, date: g(edit.date) });
    if (edit.action === 'remove') return t('editRemove', { date: g(edit.date) });
    return t('editMove', { from: g(edit.from), to: g(edit.to) });
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('editsTitle', { year: days.year(year) })}
        </Title>
        {edits.length === 0 && <Text c="dimmed">{t('editsEmpty')}</Text>}
        {edits.map((edit) => {
          const what = describeEdit(edit);
          return (
            <Group key={edit.id} justify="space-between" gap="sm" wrap="nowrap" data-edit={edit.id}>
              <Stack gap={0}>
                <Text size="sm">{what}</Text>
                <Text size="xs" c="dimmed">
                  {t('editBy', { name: edit.createdByName ?? '—', at: days.dual(edit.createdAt).gregorian })}
                </Text>
              </Stack>
              <Button
                size="compact-sm"
                variant="light"
                color="gray"
                leftSection={<IconArrowBackUp size={16} aria-hidden />}
                aria-label={t('undoLabel', { what })}
                onClick={() => onUndo(edit.id)}
              >
                {t('undo')}
              </Button>
            </Group>
          );
        })}
        {removed.length > 0 && (
          <>
            <Title order={3} fz="h5" mt="sm">
              {t('removedTitle')}
            </Title>
            {removed.map((h) => (
              <Text key={h.date} size="sm">
                {days.weekday(h.date)} {days.dual(h.date).gregorian} ({days.dual(h.date).hijri}) — {language === 'ar' ? h.nameAr : h.nameEn}
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}
