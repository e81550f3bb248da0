import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../contracts/auth.js';
import type { TaxonomyItem } from '../../contracts/settings.js';
import { PasswordForm } from '../auth/password-form.js';
import { useCurrentUser, useSessionEvents } from '../auth/session.js';
import { TotpEnrolment } from '../auth/totp-enrolment.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { Page } from '../ui/page.js';
import { useTaxonomies } from '../users/users-api.js';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" fw={600}>
        {children}
      </Text>
    </div>
  );
}

function ScopeSummary({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const taxonomies = useTaxonomies().data;
  const names = (items: TaxonomyItem[] | undefined, codes: string[]) =>
    codes.length === 0
      ? t('account.scopeAll')
      : codes
          .map((code) => {
            const item = items?.find((candidate) => candidate.code === code);
            return item ? (language === 'ar' ? item.nameAr : item.nameEn) : code;
          })
          .join(language === 'ar' ? '، ' : ', ');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Detail label={t('users.categories')}>{names(taxonomies?.categories, user.scope.categories)}</Detail>
      <Detail label={t('users.domains')}>{names(taxonomies?.domains, user.scope.domains)}</Detail>
      <Detail label={t('users.offices')}>{names(taxonomies?.offices, user.scope.offices)}</Detail>
    </SimpleGrid>
  );
}

function AuthenticatorSection({ hasTotp }: { hasTotp: boolean }) {
  const { t } = useTranslation();
  const { accept } = useSessionEvents();
  const [isEnrolling, setEnrolling] = useState(false);
  if (hasTotp) {
    return (
      <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />}>
        {t('account.authenticatorOn')}
      </Alert>
    );
  }
  if (!isEnrolling) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text>{t('account.authenticatorOff')}</Text>
        <Button variant="light" onClick={() => setEnrolling(true)}>
          {t('account.setUp')}
        </Button>
      </Stack>
    );
  }
  return (
    <TotpEnrolment
      onEnrolled={(session) => {
        notifySuccess(t('auth.enrolment.done'));
        accept(session);
        setEnrolling(false);
      }}
    />
  );
}

/** What the signed-in person can see and change about themselves. */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { accept } = useSessionEvents();

  return (
    <Page title={t('account.title')}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Title order={2} fz="h4">
            {t('account.profile')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Detail label={t('account.displayName')}>{user.displayName}</Detail>
            <Detail label={t('account.username')}>
              <Ltr>{user.username}</Ltr>
            </Detail>
          </SimpleGrid>
          <Detail label={t('account.roles')}>
            <Group gap="xs" mt={4}>
              {user.roles.map((role) => (
                <Badge key={role} variant="light" radius="sm">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
          </Detail>
          <Title order={3} fz="h5">
            {t('account.scope')}
          </Title>
          <ScopeSummary user={user} />
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={2} fz="h4">
              {t('account.changePassword')}
            </Title>
            <PasswordForm
              currentLabel={t('auth.password.current')}
              onChanged={(session) => {
                notifySuccess(t('auth.password.changed'));
                accept(session);
              }}
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Title order={2} fz="h4">
              {t('account.authenticator')}
            </Title>
            <AuthenticatorSection hasTotp={user.hasTotp} />
          </Stack>
        </Paper>
      </SimpleGrid>
    </Page>
  );
}
