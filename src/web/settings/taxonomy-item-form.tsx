import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createTaxonomyBody, type TaxonomyItem, type TaxonomyKindValue, updateTaxonomyBody } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { NumberField } from '../ui/number-field.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';

interface ItemValues {
  code: string;
  nameAr: string;
  nameEn: string;
  sortOrder: number | string;
}

const CODE_TAKEN = { 'settings.code-taken': 'code' };

function toBody(values: ItemValues, isNew: boolean) {
  const sortOrder = values.sortOrder === '' ? undefined : Number(values.sortOrder);
  const names = { nameAr: values.nameAr, nameEn: values.nameEn, ...(sortOrder === undefined ? {} : { sortOrder }) };
  return isNew ? { code: values.code.trim(), ...names } : names;
}

/** Adds an item to a list (code chosen once), or renames and reorders one. */
export function TaxonomyItemForm({
  kind,
  listName,
  item,
  opened,
  onClose,
  onSaved,
}: {
  kind: TaxonomyKindValue;
  listName: string;
  /** Absent: a new item. */
  item: TaxonomyItem | null;
  opened: boolean;
  onClose(): void;
  onSaved(saved: TaxonomyItem, isNew: boolean): void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const isNew = item === null;
  const form = useForm<ItemValues>({
    initialValues: { code: item?.code ?? '', nameAr: item?.nameAr ?? '', nameEn: item?.nameEn ?? '', sortOrder: item?.sortOrder ?? '' },
    validate: (values) => schemaErrors(t, isNew ? createTaxonomyBody : updateTaxonomyBody, toBody(values, isNew)),
  });
  const problem = useFormProblem(form, { codeFields: CODE_TAKEN });
  const save = useMutation({
    mutationFn: (values: ItemValues) =>
      isNew
        ? api.post<TaxonomyItem>(`/settings/${kind}`, toBody(values, true))
        : api.patch<TaxonomyItem>(`/settings/${kind}/${encodeURIComponent(item.code)}`, toBody(values, false)),
    onSuccess: (saved) => onSaved(saved, isNew),
    onError: problem.handle,
  });

  const title = isNew
    ? t('settings.addTitle', { list: listName })
    : t('settings.editTitle', { name: language === 'ar' ? item.nameAr : item.nameEn });
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          {isNew && (
            <TextInput
              label={t('settings.code')}
              description={t('settings.codeHint')}
              required
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
              data-autofocus
              {...form.getInputProps('code')}
            />
          )}
          <TextInput label={t('settings.itemNameAr')} required dir="rtl" lang="ar" {...form.getInputProps('nameAr')} />
          <TextInput label={t('settings.itemNameEn')} required dir="ltr" {...form.getInputProps('nameEn')} />
          <NumberField kind="integer" label={`${t('settings.sortOrder')} (${t('common.optional')})`} {...form.getInputProps('sortOrder')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
