import { Button, ColorSwatch, Fieldset, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AssociationSettings, associationSettings } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { useSettingsChanged } from './settings-api.js';

const COLORS = associationSettings.shape.primaryColor.options;

type Field = keyof AssociationSettings;

/** The association's details, as the public home, the staff header and printed forms show them. */
export function AssociationForm({ association }: { association: AssociationSettings }) {
  const { t } = useTranslation();
  const onChanged = useSettingsChanged();
  const form = useForm<AssociationSettings>({
    initialValues: association,
    validate: (values) => schemaErrors(t, associationSettings, values),
  });
  const problem = useFormProblem(form);
  const save = useMutation({
    mutationFn: (values: AssociationSettings) => api.put<AssociationSettings>('/settings/association', values),
    onSuccess: (saved) => {
      form.setInitialValues(saved);
      form.setValues(saved);
      onChanged();
      notifySuccess(t('settings.associationSaved'));
    },
    onError: problem.handle,
  });

  // Arabic fields are written right to left and the rest left to right, whatever the interface's language.
  const text = (field: Field, { isLtr = false, isRequired = true } = {}) => (
    <TextInput
      label={isRequired ? t(`settings.${field}`) : `${t(`settings.${field}`)} (${t('common.optional')})`}
      required={isRequired}
      dir={isLtr ? 'ltr' : 'rtl'}
      lang={isLtr ? undefined : 'ar'}
      {...form.getInputProps(field)}
    />
  );

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        problem.clear();
        save.mutate(values);
      })}
    >
      <Stack gap="lg">
        <ProblemAlert message={problem.message} />
        <Fieldset legend={t('settings.identity')} radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {text('nameAr')}
            {text('nameEn', { isLtr: true })}
            {text('shortNameAr')}
            {text('shortNameEn', { isLtr: true })}
            {text('regulatorAr', { isRequired: false })}
            {text('regulatorEn', { isLtr: true, isRequired: false })}
            {text('registrationNumber', { isLtr: true, isRequired: false })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('settings.contact')} radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {text('phone', { isLtr: true })}
            {text('fax', { isLtr: true, isRequired: false })}
            {text('email', { isLtr: true })}
            {text('website', { isLtr: true, isRequired: false })}
            {text('addressAr', { isRequired: false })}
            {text('addressEn', { isLtr: true, isRequired: false })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('settings.appearance')} radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('settings.primaryColor')}
              description={t('settings.primaryColorHint')}
              allowDeselect={false}
              data={COLORS.map((color) => ({ value: color, label: t(`settings.colors.${color}`) }))}
              leftSection={<ColorSwatch color={`var(--mantine-color-${form.values.primaryColor}-8)`} size={16} aria-hidden />}
              renderOption={({ option }) => (
                <Group gap="xs" wrap="nowrap">
                  <ColorSwatch color={`var(--mantine-color-${option.value}-8)`} size={16} aria-hidden />
                  {option.label}
                </Group>
              )}
              {...form.getInputProps('primaryColor')}
            />
            <Select
              label={t('settings.digits')}
              description={t('settings.digitsHint')}
              allowDeselect={false}
              data={[
                { value: 'latn', label: t('settings.digitsLatn') },
                { value: 'arab', label: t('settings.digitsArab') },
              ]}
              {...form.getInputProps('digits')}
            />
          </SimpleGrid>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
