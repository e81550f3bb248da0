import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useRouteError } from 'react-router';
import { useSession } from '../auth/session.js';
import { SignInPage } from '../auth/sign-in-page.js';
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

/**
 * A page's code could not load (a new version was deployed meanwhile, or the network dropped), or a
 * page failed while rendering. A 401 that ends the session in the middle of a navigation (a
 * transition) can make the page being opened fail for want of a user: then the session is gone and
 * this shows sign-in, as StaffRoot would; once signed in again, the page is opened anew.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const isSignedOut = session.data === null;
  const wasSignedOut = useRef(isSignedOut);
  useEffect(() => {
    if (!isSignedOut) console.error(error);
  }, [error, isSignedOut]);
  useEffect(() => {
    // Signed in again after the session ended here: a navigation clears the route's error.
    if (wasSignedOut.current && session.data) void navigate(`${pathname}${search}`, { replace: true });
    wasSignedOut.current = isSignedOut;
  }, [isSignedOut, session.data, navigate, pathname, search]);
  if (isSignedOut) return <SignInPage />;
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
