import type { Role } from '../api/types';
import type { Route } from '../router';

/** The pages a role may see (SPEC: analysts query and run improvements, auditors also audit). */
export function mayView(role: Role, page: Route['page']): boolean {
  if (role === 'service') return false;
  if (page === 'audit') return role === 'auditor' || role === 'admin';
  return true;
}

/** Improvement lifecycle commands are open to analysts (SPEC v2) and admins. */
export function mayRunImprovements(role: Role): boolean {
  return role === 'analyst' || role === 'admin';
}
