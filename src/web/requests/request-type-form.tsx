import {
  ActionIcon,
  Button,
  Divider,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type FieldType, type RequestType } from '../../contracts/requests.js';
import { DEFAULT_WARNING_THRESHOLD, MAX_REPLY_WORKING_DAYS } from '../../domain/reply-ceiling.js';
import { useCommittees } from '../committees/committees-api.js';
import { useLanguage } from '../ui/language.js';
import { NumberField } from '../ui/number-field.js';
import { REQUESTS_NS } from './i18n.js';

export interface OptionValues {
  value: string;
  labelAr: string;
  labelEn: string;
}

export interface ItemValues {
  key: string;
  kind: 'field' | 'document';
  labelAr: string;
  labelEn: string;
  fieldType: FieldType;
  options: OptionValues[];
  isRequired: boolean;
}

export interface RequestTypeValues {
  code: string;
  nameAr: string;
  nameEn: string;
  criteriaAr: string;
  criteriaEn: string;
  checklist: ItemValues[];
  committeeId: string | null;
  responseWorkingDays: number | string;
  warningThreshold: number | string;
  isActive: boolean;
  sortOrder: number | string;
}

export const emptyRequestType: RequestTypeValues = {
  code: '',
  nameAr: '',
  nameEn: '',
  criteriaAr: '',
  criteriaEn: '',
  checklist: [],
  committeeId: null,
  // C6: 15 working days unless the association promises a shorter reply.
  responseWorkingDays: MAX_REPLY_WORKING_DAYS,
  warningThreshold: DEFAULT_WARNING_THRESHOLD,
  isActive: true,
  sortOrder: 100,
};

export function valuesOf(type: RequestType): RequestTypeValues {
  return {
    code: type.code,
    nameAr: type.nameAr,
    nameEn: type.nameEn,
    criteriaAr: type.criteriaAr,
    criteriaEn: type.criteriaEn,
    checklist: type.checklist.map((item) => ({
      key: item.key,
      kind: item.kind,
      labelAr: item.labelAr,
      labelEn: item.labelEn,
      fieldType: item.fieldType ?? 'text',
      options: item.options?.map((option) => ({ ...option })) ?? [],
      isRequired: item.isRequired,
    })),
    committeeId: type.committeeId,
    responseWorkingDays: type.responseWorkingDays,
    warningThreshold: type.warningThreshold ?? '',
    isActive: type.isActive,
    sortOrder: type.sortOrder,
  };
}

const hasOptions = (fieldType: FieldType) => fieldType === 'choice' || fieldType === 'multi-choice';

/** The body the API takes: documents carry no field type, only choices carry options. */
export function bodyOf(values: RequestTypeValues) {
  return {
    nameAr: values.nameAr.trim(),
    nameEn: values.nameEn.trim(),
    criteriaAr: values.criteriaAr.trim(),
    criteriaEn: values.criteriaEn.trim(),
    checklist: values.checklist.map((item) => ({
      key: item.key.trim(),
      kind: item.kind,
      labelAr: item.labelAr.trim(),
      labelEn: item.labelEn.trim(),
      isRequired: item.isRequired,
      ...(item.kind === 'field' ? { fieldType: item.fieldType } : {}),
      ...(item.kind === 'field' && hasOptions(item.fieldType)
        ? {
            options: item.options.map((option) => ({
              value: option.value.trim(),
              labelAr: option.labelAr.trim(),
              labelEn: option.labelEn.trim(),
            })),
          }
        : {}),
    })),
    committeeId: values.committeeId || null,
    responseWorkingDays: Number(values.responseWorkingDays),
    warningThreshold: values.warningThreshold === '' ? null : Number(values.warningThreshold),
    isActive: values.isActive,
    sortOrder: Number(values.sortOrder),
  };
}

/** Request type settings (C2, C3, C5, C6): names, criteria, the checklist, the committee, the deadline. */
export function RequestTypeFields({ form, isNew }: { form: UseFormReturnType<RequestTypeValues>; isNew: boolean }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { language } = useLanguage();
  const committees = useCommittees();
  const committeeChoices = (committees.data?.items ?? [])
    .filter((committee) => committee.purpose === 'requests')
    .map((committee) => ({ value: committee.id, label: language === 'ar' ? committee.nameAr : committee.nameEn }));
  const checklist = form.getValues().checklist;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('types.nameAr')} required {...form.getInputProps('nameAr')} />
        <TextInput label={t('types.nameEn')} required dir="ltr" {...form.getInputProps('nameEn')} />
        <TextInput
          label={t('types.code')}
          description={t('types.codeHint')}
          required
          dir="ltr"
          disabled={!isNew}
          {...form.getInputProps('code')}
        />
        <Select
          label={t('types.committee')}
          description={t('types.committeeHint')}
          data={committeeChoices}
          clearable
          {...form.getInputProps('committeeId')}
        />
        {/* C6: 15 working days at most; not clamped silently, so a larger number gets the policy's reason. */}
        <NumberField
          kind="days"
          label={t('types.responseWorkingDays')}
          description={t('types.responseHint')}
          required
          {...form.getInputProps('responseWorkingDays')}
        />
        <NumberField
          kind="days"
          label={t('types.warningThreshold')}
          description={t('types.warningHint')}
          {...form.getInputProps('warningThreshold')}
        />
      </SimpleGrid>
      <Textarea
        label={t('types.criteriaAr')}
        description={t('types.criteriaHint')}
        required
        autosize
        minRows={3}
        {...form.getInputProps('criteriaAr')}
      />
      <Textarea label={t('types.criteriaEn')} required dir="ltr" autosize minRows={3} {...form.getInputProps('criteriaEn')} />
      <Group gap="lg">
        <Switch label={t('types.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
        <NumberField kind="integer" label={t('types.sortOrder')} w={140} {...form.getInputProps('sortOrder')} />
      </Group>
      <Divider />
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('types.checklist')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('types.checklistHint')}
        </Text>
        {checklist.length === 0 && <Text c="dimmed">{t('types.checklistEmpty')}</Text>}
        {checklist.map((item, index) => (
          <ItemEditor key={form.key(`checklist.${index}`)} form={form} index={index} item={item} />
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              form.insertListItem('checklist', {
                key: '',
                kind: 'field',
                labelAr: '',
                labelEn: '',
                fieldType: 'text',
                options: [],
                isRequired: true,
              })
            }
          >
            {t('types.addItem')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

function ItemEditor({ form, index, item }: { form: UseFormReturnType<RequestTypeValues>; index: number; item: ItemValues }) {
  const { t } = useTranslation(REQUESTS_NS);
  const path = `checklist.${index}`;
  const legend = t('types.itemN', { n: index + 1 });
  return (
    <Fieldset legend={legend} variant="filled" radius="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <Select
            label={t('types.itemKind')}
            allowDeselect={false}
            data={[
              { value: 'field', label: t('types.kinds.field') },
              { value: 'document', label: t('types.kinds.document') },
            ]}
            {...form.getInputProps(`${path}.kind`)}
          />
          <TextInput label={t('types.itemKey')} required dir="ltr" {...form.getInputProps(`${path}.key`)} />
          <TextInput label={t('types.itemLabelAr')} required {...form.getInputProps(`${path}.labelAr`)} />
          <TextInput label={t('types.itemLabelEn')} required dir="ltr" {...form.getInputProps(`${path}.labelEn`)} />
          {item.kind === 'field' && (
            <Select
              label={t('types.fieldType')}
              allowDeselect={false}
              data={FIELD_TYPES.map((value) => ({ value, label: t(`types.fieldTypes.${value}`) }))}
              {...form.getInputProps(`${path}.fieldType`)}
            />
          )}
          <Switch mt="lg" label={t('types.isRequired')} {...form.getInputProps(`${path}.isRequired`, { type: 'checkbox' })} />
        </SimpleGrid>
        {item.kind === 'field' && hasOptions(item.fieldType) && <OptionsEditor form={form} index={index} options={item.options} />}
        <Group justify="flex-end">
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => form.removeListItem('checklist', index)}
            aria-label={t('types.removeItemNamed', { item: legend })}
          >
            {t('types.removeItem')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function OptionsEditor({ form, index, options }: { form: UseFormReturnType<RequestTypeValues>; index: number; options: OptionValues[] }) {
  const { t } = useTranslation(REQUESTS_NS);
  const path = `checklist.${index}.options`;
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('types.options')}
        </Text>
        {form.getInputProps(path).error && (
          <Text size="sm" c="red.8">
            {form.getInputProps(path).error}
          </Text>
        )}
        {options.map((_, optionIndex) => (
          <Group key={form.key(`${path}.${optionIndex}`)} gap="xs" align="flex-end" wrap="wrap">
            <TextInput label={t('types.optionValue')} required dir="ltr" w={140} {...form.getInputProps(`${path}.${optionIndex}.value`)} />
            <TextInput label={t('types.itemLabelAr')} required w={180} {...form.getInputProps(`${path}.${optionIndex}.labelAr`)} />
            <TextInput
              label={t('types.itemLabelEn')}
              required
              dir="ltr"
              w={180}
              {...form.getInputProps(`${path}.${optionIndex}.labelEn`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t('types.removeOption', { n: optionIndex + 1 })}
              onClick={() => form.removeListItem(path, optionIndex)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem(path, { value: '', labelAr: '', labelEn: '' })}
          >
            {t('types.addOption')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
