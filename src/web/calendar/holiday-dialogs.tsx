import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { HOLIDAY_KINDS } from '../../contracts/calendar.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { type HolidayEditBody, useEditHolidays } from './calendar-api.js';
import { DayInput } from './day-input.js';
import { CALENDAR_NS } from './i18n.js';

type Saved = (recomputedClocks: number) => void;

function useHolidayForm<Values extends Record<string, unknown>>(initialValues: Values, onSaved: Saved) {
  const { t } = useTranslation(CALENDAR_NS);
  const form = useForm<Values>({ initialValues });
  const problem = useFormProblem(form);
  const save = useEditHolidays();
  const submit = (body: HolidayEditBody) => {
    problem.clear();
    save.mutate(body, { onSuccess: (result) => onSaved(result.recomputedClocks), onError: problem.handle });
  };
  return { t, form, problem, save, submit };
}

function Actions({ onClose, isPending, label }: { onClose(): void; isPending: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={isPending}>
        {label}
      </Button>
    </Group>
  );
}

/** A one-off day off (or a day the defaults missed): date, kind, names. */
export function AddHolidayDialog({ defaultDay, onClose, onSaved }: { defaultDay: string; onClose(): void; onSaved: Saved }) {
  const { t: tc } = useTranslation();
  const { t, form, problem, save, submit } = useHolidayForm({ date: defaultDay, kind: 'custom', nameAr: '', nameEn: '' }, onSaved);
  return (
    <Modal opened onClose={onClose} title={t('addTitle')} centered closeButtonProps={{ 'aria-label': tc('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          submit({
            action: 'add',
            date: values.date,
            kind: values.kind as (typeof HOLIDAY_KINDS)[number],
            nameAr: values.nameAr,
            nameEn: values.nameEn,
          }),
        )}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <DayInput
            label={t('date')}
            required
            data-autofocus
            value={form.values.date}
            onChange={(day) => form.setFieldValue('date', day)}
            error={form.errors.date}
          />
          <Select
            label={t('kind')}
            required
            allowDeselect={false}
            data={HOLIDAY_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('nameAr')} required dir="rtl" maxLength={120} {...form.getInputProps('nameAr')} />
          <TextInput label={t('nameEn')} required dir="ltr" maxLength={120} {...form.getInputProps('nameEn')} />
          <Actions onClose={onClose} isPending={save.isPending} label={tc('common.add')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Moves one day off to another day (an announcement moved Eid by a day, say). */
export function MoveHolidayDialog({
  from,
  fromLabel,
  onClose,
  onSaved,
}: {
  from: string;
  fromLabel: string;
  onClose(): void;
  onSaved: Saved;
}) {
  const { t: tc } = useTranslation();
  const { t, form, problem, save, submit } = useHolidayForm({ to: from }, onSaved);
  return (
    <Modal opened onClose={onClose} title={t('moveTitle')} centered closeButtonProps={{ 'aria-label': tc('common.close') }}>
      <form noValidate onSubmit={form.onSubmit((values) => submit({ action: 'move', from, to: values.to }))}>
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <Text>{t('moveFrom', { date: fromLabel })}</Text>
          <DayInput
            label={t('moveTo')}
            required
            data-autofocus
            value={form.values.to}
            onChange={(day) => form.setFieldValue('to', day)}
            error={form.errors.to}
          />
          <Actions onClose={onClose} isPending={save.isPending} label={t('move')} />
        </Stack>
      </form>
    </Modal>
  );
}
