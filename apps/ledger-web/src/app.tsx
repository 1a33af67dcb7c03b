import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api/problem';
import type { Me } from './api/types';
import { mayView } from './auth/roles';
import { SignIn } from './auth/sign-in';
import { useSession } from './auth/use-session';
import { type StreamState, useEventRefresh } from './events/use-event-refresh';
import { AuditPage } from './pages/audit';
import { ImprovementPage } from './pages/improvement';
import { ImprovementsPage } from './pages/improvements';
import { OfferingPage } from './pages/offering';
import { OverviewPage } from './pages/overview';
import { RelationshipPage } from './pages/relationship';
import { href, type Route, useRoute } from './router';
import { Empty } from './ui/states';

export function App() {
  const { session, signIn, signOut } = useSession();
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;
  // A 401 or 403 on any query sends the user back to the form with the server's message.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          onError: (error) => {
            if (error instanceof ApiError && error.isAuth) signOutRef.current(error.message);
          },
        }),
        defaultOptions: {
          queries: {
            retry: (count, error) =>
              !(error instanceof ApiError && error.status < 500) && count < 2,
            staleTime: 10_000,
            refetchOnWindowFocus: false,
          },
        },
      }),
  );

  useEffect(() => {
    if (session.state === 'signed-out') queryClient.clear();
  }, [session.state, queryClient]);

  if (session.state === 'checking') return <p className="state loading">Checking your key…</p>;
  if (session.state === 'signed-out') return <SignIn message={session.message} onSignIn={signIn} />;
  if (session.me.role === 'service') {
    return (
      <SignIn
        message={`This key's role (service) may only post commands; the dashboard needs an analyst, auditor or admin key.`}
        onSignIn={signIn}
      />
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <Shell me={session.me} onSignOut={() => signOut()} />
    </QueryClientProvider>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const route = useRoute();
  const stream = useEventRefresh(true);
  useEffect(() => {
    document.getElementById('main')?.focus();
  }, [route]);
  const nav: { label: string; route: Route }[] = [
    { label: 'Overview', route: { page: 'overview' } },
    { label: 'Improvements', route: { page: 'improvements' } },
    { label: 'Audit', route: { page: 'audit' } },
  ];
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href({ page: 'overview' })}>
          Service-Relationship Ledger
        </a>
        <nav aria-label="Pages">
          {nav
            .filter((item) => mayView(me.role, item.route.page))
            .map((item) => (
              <a
                key={item.label}
                href={href(item.route)}
                aria-current={sameSection(route, item.route) ? 'page' : undefined}
              >
                {item.label}
              </a>
            ))}
        </nav>
        <div className="who">
          <LiveBadge state={stream} />
          <span className="role" title={me.actor}>
            {me.open ? 'open ledger' : `${me.name} · ${me.role}`}
          </span>
          {!me.open && (
            <button type="button" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {mayView(me.role, route.page) ? (
          <Page route={route} me={me} />
        ) : (
          <Empty>The role {me.role} may not see this page.</Empty>
        )}
      </main>
    </>
  );
}

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'offering':
      return <OfferingPage id={route.id} />;
    case 'relationship':
      return <RelationshipPage id={route.id} />;
    case 'improvements':
      return <ImprovementsPage />;
    case 'improvement':
      return <ImprovementPage id={route.id} me={me} />;
    case 'audit':
      return <AuditPage />;
  }
}

function sameSection(current: Route, item: Route): boolean {
  if (item.page === 'improvements')
    return current.page === 'improvements' || current.page === 'improvement';
  if (item.page === 'overview')
    return ['overview', 'offering', 'relationship'].includes(current.page);
  return current.page === item.page;
}

function LiveBadge({ state }: { state: StreamState }) {
  const text = {
    connecting: 'connecting',
    live: 'live',
    reconnecting: 'reconnecting',
    off: 'not live',
  }[state];
  return (
    <span className={`live live-${state}`} title="Refreshes itself from the ledger's event stream">
      {text}
    </span>
  );
}
