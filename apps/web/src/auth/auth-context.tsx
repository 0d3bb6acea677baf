import { useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authApi } from '../api/auth';
import { setUnauthorizedListener } from '../api/http';
import { Session, sessionFromToken, sessionStorageStore } from './session';

export type SignOutReason = 'expired' | null;

interface AuthValue {
  readonly session: Session | null;
  /** Why the last session ended, when it was not the person's own choice. */
  readonly endedBecause: SignOutReason;
  signIn(username: string, password: string): Promise<Session>;
  signOut(reason?: SignOutReason): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => sessionStorageStore.load());
  const [endedBecause, setEndedBecause] = useState<SignOutReason>(null);

  const signOut = useCallback(
    (reason: SignOutReason = null) => {
      sessionStorageStore.clear();
      // Nothing read under this session may show to whoever signs in next.
      queryClient.clear();
      setEndedBecause(reason);
      setSession(null);
    },
    [queryClient],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const issued = await authApi.signIn(username, password);
    const next = sessionFromToken(issued.accessToken);
    if (!next) throw new Error('The issuer returned a token this application cannot read');
    sessionStorageStore.save(next);
    setEndedBecause(null);
    setSession(next);
    return next;
  }, []);

  useEffect(() => setUnauthorizedListener(() => signOut('expired')), [signOut]);

  useEffect(() => {
    if (!session) return undefined;
    // setTimeout takes at most 2^31-1 ms; tokens live an hour by default.
    const timer = setTimeout(() => signOut('expired'), Math.min(session.expiresAt - Date.now(), 2_147_483_647));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, endedBecause, signIn, signOut }), [session, endedBecause, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider above it');
  return value;
}

/** The signed-in session; only for screens behind RequireAuth. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession is only for screens behind RequireAuth');
  return session;
}
