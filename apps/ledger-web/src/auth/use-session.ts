import { useCallback, useEffect, useState } from 'react';
import { authHeaders, errorOf } from '../api/client';
import { ApiError } from '../api/problem';
import type { Me } from '../api/types';
import { forgetKey, storedKey, storeKey } from './session';

export type Session =
  | { state: 'checking' }
  | { state: 'signed-out'; message: string | null }
  | { state: 'signed-in'; me: Me };

/** Asks the ledger who a key belongs to; the server's own message when it refuses. */
async function whoIs(key: string | null): Promise<Me> {
  let response: Response;
  try {
    response = await fetch('/v1/me', {
      headers: { accept: 'application/json', ...authHeaders(key) },
    });
  } catch {
    throw new ApiError({ status: 0, title: 'The ledger cannot be reached' });
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as Me;
}

/**
 * The sign-in state: a stored key is checked once at start; without one, an open ledger
 * (no keys configured) lets the browser straight in.
 */
export function useSession() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    const key = storedKey();
    whoIs(key).then(
      (me) => setSession({ state: 'signed-in', me }),
      (error: unknown) => {
        if (key !== null) forgetKey();
        const message =
          key !== null && error instanceof ApiError
            ? error.message
            : error instanceof ApiError && error.status === 0
              ? error.message
              : null;
        setSession({ state: 'signed-out', message });
      },
    );
  }, []);

  const signIn = useCallback(async (key: string): Promise<void> => {
    try {
      const me = await whoIs(key);
      storeKey(key);
      setSession({ state: 'signed-in', me });
    } catch (error) {
      setSession({
        state: 'signed-out',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }, []);

  const signOut = useCallback((message: string | null = null) => {
    forgetKey();
    setSession({ state: 'signed-out', message });
  }, []);

  return { session, signIn, signOut };
}
