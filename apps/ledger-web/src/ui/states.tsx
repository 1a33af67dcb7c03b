import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorState({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="state error" role="alert">
      Could not load {what}: {message}
    </p>
  );
}

/** Loading, error or the data: every section of every page goes through this. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorState error={query.error} what={what} />;
  return <>{children(query.data)}</>;
}

/** True when a query failed because the route does not exist (yet) on this ledger. */
export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
