import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { Page } from '../ui/page.js';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" component="main">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

/** The server did not answer (network down, server restarting). */
export function ServerUnavailable({ onRetry }: { onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" component="main" p="md">
      <Stack align="center" maw={420} ta="center">
        <Title order={1} fz="h2">
          {t('app.unavailableTitle')}
        </Title>
        <Text>{t('app.unavailableBody')}</Text>
        <Button onClick={onRetry}>{t('app.retry')}</Button>
      </Stack>
    </Center>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.notFoundTitle')}>
      <Text>{t('app.notFoundBody')}</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">
        {t('app.backHome')}
      </Button>
    </Page>
  );
}

/** A page's code could not load (a new version was deployed meanwhile, or the network dropped). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return (
    <Center mih="60dvh" p="md">
      <Stack align="center" maw={420} ta="center">
        <Title order={1} fz="h2">
          {t('common.errorTitle')}
        </Title>
        <Text>{t('errors.generic')}</Text>
        <Button onClick={() => window.location.reload()}>{t('app.retry')}</Button>
      </Stack>
    </Center>
  );
}
