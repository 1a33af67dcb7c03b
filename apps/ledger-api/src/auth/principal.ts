import { ApiRole } from './api-role';

/** Who sent a request: the API key's name and role, or anonymous when the API runs open. */
export interface Principal {
  name: string;
  role: ApiRole;
  /** What the events record as `actor`: `<keyName>:<role>`, or `anonymous`. */
  actor: string;
}

/** With no API keys configured every request acts as this (the API is open, on loopback). */
export const ANONYMOUS: Principal = { name: 'anonymous', role: 'admin', actor: 'anonymous' };

// Kept beside the request rather than on it, so no framework type needs augmenting.
const principals = new WeakMap<object, Principal>();

export function setPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The principal the guard found; anonymous when none (open API or a public route). */
export function principalOf(request: object): Principal {
  return principals.get(request) ?? ANONYMOUS;
}
