import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { Page } from '../ui/page.js';
import './i18n.js';
import { SetupCard } from './setup-card.js';
import { WorklistsCard } from './worklists-card.js';

/** Today in both calendars (X2), Riyadh's calendar day. */
function TodayCard() {
  const { t } = useTranslation();
  const { dualDate } = useFormat();
  const today = dualDate(riyadhCalendarDay(new Date()));
  return (
    <Card withBorder radius="md" padding="lg">
      <Group wrap="nowrap" align="flex-start">
        <ThemeIcon size="xl" variant="light" radius="md" aria-hidden>
          <IconCalendar size={24} />
        </ThemeIcon>
        <Stack gap={2}>
          <Title order={2} fz="md">
            {t('home.today')}
          </Title>
          <Text fz="lg" fw={600} data-testid="today-hijri">
            {today.hijri}
          </Text>
          <Text c="dimmed" fz="sm">
            {t('home.hijri')}
          </Text>
          <Text fz="lg" fw={600} mt="xs" data-testid="today-gregorian">
            {today.gregorian}
          </Text>
          <Text c="dimmed" fz="sm">
            {t('home.gregorian')}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Page title={t('home.welcome', { name: user.displayName })}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <TodayCard />
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={2} fz="md">
              {t('home.yourRoles')}
            </Title>
            <Group gap="xs">
              {user.roles.map((role) => (
                <Badge key={role} variant="light" size="lg" radius="sm">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
      {/* Issue 27 §6: administrators get the set-up checklist; everyone else a plain list of their worklists. */}
      {hasRole(user.roles, 'administrator') ? <SetupCard /> : <WorklistsCard roles={user.roles} />}
    </Page>
  );
}
