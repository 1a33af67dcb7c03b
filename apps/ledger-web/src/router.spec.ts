import { href, parseRoute, type Route } from './router';
import { mayRunImprovements, mayView } from './auth/roles';

describe('hash routes', () => {
  it.each<Route>([
    { page: 'overview' },
    { page: 'offering', id: '0b6f1e1c-2f4e-4f57-9c1a-5d1f7e3b8a90' },
    { page: 'relationship', id: 'r1' },
    { page: 'improvements' },
    { page: 'improvement', id: 'i1' },
    { page: 'audit' },
  ])('%j survives href → parseRoute', (route) => {
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('sends anything unknown to the overview', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'overview' });
    expect(parseRoute('')).toEqual({ page: 'overview' });
  });
});

describe('pages by role', () => {
  it('shows audit to auditors and admins only, nothing to services', () => {
    expect(mayView('analyst', 'audit')).toBe(false);
    expect(mayView('auditor', 'audit')).toBe(true);
    expect(mayView('admin', 'audit')).toBe(true);
    expect(mayView('analyst', 'offering')).toBe(true);
    expect(mayView('service', 'overview')).toBe(false);
  });

  it('lets analysts and admins run improvements, not auditors', () => {
    expect(mayRunImprovements('analyst')).toBe(true);
    expect(mayRunImprovements('admin')).toBe(true);
    expect(mayRunImprovements('auditor')).toBe(false);
  });
});
