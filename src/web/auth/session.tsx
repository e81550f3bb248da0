import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { SessionResponse } from '../../contracts/auth.js';
import type { StaffRole } from '../../domain/roles.js';
import { ApiError, api, rememberSession, whenUnauthenticated } from '../api/client.js';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/session');
    rememberSession(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberSession(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in person and the stage of signing in they are at; null when signed out. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
}

/** The active session's user (only inside the shell, where a session exists). */
export function useCurrentUser() {
  const session = useSession().data;
  if (!session) throw new Error('useCurrentUser outside a session');
  return session.user;
}

export function hasRole(roles: readonly StaffRole[], ...wanted: StaffRole[]): boolean {
  return roles.some((role) => wanted.includes(role));
}

function forgetSession(queryClient: QueryClient): void {
  rememberSession(null);
  queryClient.setQueryData(sessionKey, null);
  // What the previous person loaded must not show to the next one.
  queryClient.removeQueries({ predicate: (query) => !['session', 'association'].includes(String(query.queryKey[0])) });
}

type SignedOutNotice = 'session-expired' | null;

interface SessionEvents {
  notice: SignedOutNotice;
  /** Every sign-in step answers with a new session (new cookie, new CSRF token): take it. */
  accept(session: SessionResponse): void;
  signOut(): Promise<void>;
}

const SessionEventsContext = createContext<SessionEvents | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<SignedOutNotice>(null);

  useEffect(() => {
    whenUnauthenticated((problem) => {
      const hadSession = Boolean(queryClient.getQueryData(sessionKey));
      forgetSession(queryClient);
      if (hadSession || problem.code === 'auth.session-expired') setNotice('session-expired');
    });
  }, [queryClient]);

  const accept = useCallback(
    (session: SessionResponse) => {
      rememberSession(session);
      setNotice(null);
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
    } catch {
      // Already signed out on the server (expired, deactivated): forgetting it here is all that is left.
    } finally {
      forgetSession(queryClient);
      setNotice(null);
    }
  }, [queryClient]);

  const value = useMemo(() => ({ notice, accept, signOut }), [notice, accept, signOut]);
  return <SessionEventsContext value={value}>{children}</SessionEventsContext>;
}

export function useSessionEvents(): SessionEvents {
  const events = useContext(SessionEventsContext);
  if (!events) throw new Error('useSessionEvents outside SessionProvider');
  return events;
}
