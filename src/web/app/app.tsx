import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/client.js';
import { SessionProvider } from '../auth/session.js';
import { directionOf, i18n, isLanguage } from '../i18n/i18n.js';
import { useAssociation } from '../ui/association.js';
import { LanguageProvider } from '../ui/language.js';
import { router } from './router.js';
import { buildTheme, readableVariables } from './theme.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will answer the same again; only network and server errors are worth retrying.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function ThemedApp() {
  const association = useAssociation();
  const primaryColor = association.data?.primaryColor ?? 'teal';
  const theme = useMemo(() => buildTheme(primaryColor), [primaryColor]);
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={readableVariables}>
      <Notifications position="top-center" zIndex={1000} />
      <LanguageProvider>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </LanguageProvider>
    </MantineProvider>
  );
}

export function App() {
  const language = isLanguage(i18n.language) ? i18n.language : 'ar';
  return (
    <QueryClientProvider client={queryClient}>
      <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
        <ThemedApp />
      </DirectionProvider>
    </QueryClientProvider>
  );
}
