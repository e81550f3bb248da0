import { Alert, Center, Group, Loader, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page of the shell: its heading (and the tab title), actions beside it, then the content. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.name')}`);
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1} fz="h2">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

/** A list or record that could not load, said in a sentence. */
export function LoadFailure({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert">
      {message}
    </Alert>
  );
}

/** Shown when someone opens a page their roles do not open (the server refuses the data anyway). */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light">
      {t('errors.status.403')}
    </Alert>
  );
}
