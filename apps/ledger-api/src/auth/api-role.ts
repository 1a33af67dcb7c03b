import { Role, ROLES } from '@app/config';

/** A role of SPEC.md "Who uses it" (the same set the configuration accepts). */
export type ApiRole = Role;

/**
 * What each role may act as: `auditor` may also query (analyst), `admin` may do everything.
 * `service` posts commands only, so it grants nothing beyond itself.
 */
const GRANTS: Record<ApiRole, readonly ApiRole[]> = {
  service: ['service'],
  analyst: ['analyst'],
  auditor: ['auditor', 'analyst'],
  admin: ROLES,
};

/**
 * True when a key holding `held` may use a route open to any of `required`. A route that
 * records something (`writes`) takes the role itself or `admin`: an auditor queries as an
 * analyst, but does not run the improvements analysts run (auditors stay on the outside).
 */
export function roleGrants(held: ApiRole, required: readonly ApiRole[], writes = false): boolean {
  if (writes) return held === 'admin' || required.includes(held);
  return required.some((role) => GRANTS[held].includes(role));
}
