/** The roles of SPEC.md "Who uses it". */
export const API_ROLES = ['service', 'analyst', 'auditor', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export function isApiRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value);
}

/**
 * What each role may act as: `auditor` may also query (analyst), `admin` may do everything.
 * `service` posts commands only, so it grants nothing beyond itself.
 */
const GRANTS: Record<ApiRole, readonly ApiRole[]> = {
  service: ['service'],
  analyst: ['analyst'],
  auditor: ['auditor', 'analyst'],
  admin: API_ROLES,
};

/** True when a key holding `held` may use a route open to any of `required`. */
export function roleGrants(held: ApiRole, required: readonly ApiRole[]): boolean {
  return required.some((role) => GRANTS[held].includes(role));
}
