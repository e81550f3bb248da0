import { Button, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type SecuritySettings, securitySettings } from '../../contracts/settings.js';
import { STAFF_ROLES } from '../../domain/roles.js';
import { api } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { useSettingsChanged } from './settings-api.js';

const OPTIONAL_ROLES = STAFF_ROLES.filter((role) => role !== 'administrator');

/** Which roles, besides administrators (always), must use an authenticator app. */
export function SecurityForm({ security }: { security: SecuritySettings }) {
  const { t } = useTranslation();
  const onChanged = useSettingsChanged();
  const form = useForm<SecuritySettings>({
    initialValues: { mfaRequiredRoles: security.mfaRequiredRoles.filter((role) => role !== 'administrator') },
    validate: (values) => schemaErrors(t, securitySettings, values),
  });
  const problem = useFormProblem(form);
  const save = useMutation({
    mutationFn: (values: SecuritySettings) => api.put<SecuritySettings>('/settings/security', values),
    onSuccess: () => {
      onChanged();
      notifySuccess(t('settings.securitySaved'));
    },
    onError: problem.handle,
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        problem.clear();
        save.mutate(values);
      })}
    >
      <Stack gap="md">
        <Title order={2} fz="h4">
          {t('settings.securityTitle')}
        </Title>
        <Text>{t('settings.securityBody')}</Text>
        <ProblemAlert message={problem.message} />
        <Checkbox label={t('settings.administratorAlways')} checked disabled readOnly />
        <Checkbox.Group
          label={t('settings.securityTitle')}
          labelProps={{ className: 'visually-hidden' }}
          {...form.getInputProps('mfaRequiredRoles')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {OPTIONAL_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} description={t(`roleHints.${role}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
