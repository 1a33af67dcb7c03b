import { useEffect, useState } from 'react';

/** The dashboard's pages, addressed by the URL fragment (the server only ever serves `/`). */
export type Route =
  | { page: 'overview' }
  | { page: 'offering'; id: string }
  | { page: 'relationship'; id: string }
  | { page: 'improvements' }
  | { page: 'improvement'; id: string }
  | { page: 'audit' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'offerings':
      return parts[1] ? { page: 'offering', id: parts[1] } : { page: 'overview' };
    case 'relationships':
      return parts[1] ? { page: 'relationship', id: parts[1] } : { page: 'overview' };
    case 'improvements':
      return parts[1] ? { page: 'improvement', id: parts[1] } : { page: 'improvements' };
    case 'audit':
      return { page: 'audit' };
    default:
      return { page: 'overview' };
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'offering':
      return `#/offerings/${encodeURIComponent(route.id)}`;
    case 'relationship':
      return `#/relationships/${encodeURIComponent(route.id)}`;
    case 'improvements':
      return '#/improvements';
    case 'improvement':
      return `#/improvements/${encodeURIComponent(route.id)}`;
    case 'audit':
      return '#/audit';
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
