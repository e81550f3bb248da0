import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { TRANSPORT_CHANNELS, type TransportRates } from '../../contracts/notifications.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';
import { useNotificationSettings, useSaveNotificationSettings } from './notifications-api.js';

/**
 * Issue 20 §1: how many messages a second each transport is handed (codes always first). The SMS
 * gateway's format, the other half of these settings, is kept as it is.
 */
export function RatesPanel() {
  const settings = useNotificationSettings();
  if (!settings.data) return null;
  return <RatesForm key={JSON.stringify(settings.data.rates)} settings={settings.data} />;
}

function RatesForm({ settings }: { settings: NonNullable<ReturnType<typeof useNotificationSettings>['data']> }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const labels = useMessageLabels();
  const save = useSaveNotificationSettings();
  const form = useForm<TransportRates>({ initialValues: settings.rates });
  const problem = useFormProblem(form);
  const submit = (rates: TransportRates) => {
    problem.clear();
    save.mutate({ ...settings, rates }, { onSuccess: () => notifySuccess(t('ratesSaved')), onError: problem.handle });
  };
  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('ratesTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('ratesIntro')}
          </Text>
          <ProblemAlert message={problem.message} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {TRANSPORT_CHANNELS.map((channel) => (
              <NumberField
                key={channel}
                kind="integer"
                label={labels.channel(channel)}
                description={t('ratesUnit')}
                {...form.getInputProps(channel)}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('ratesSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
