/**
 * Roles of SPEC.md "Who uses it": `service` posts commands, `analyst` queries, `auditor`
 * queries and audits, `admin` may do everything.
 */
export const ROLES = ['service', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
