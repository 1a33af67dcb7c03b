import { assertNever } from '../shared/assert-never';
import { OrganizationEvent } from './organization.events';

/** An organization either is not (yet) registered, or is registered under a name. */
export type OrganizationState =
  { status: 'unregistered' } | { status: 'registered'; organizationId: string; name: string };

export const initialOrganizationState: OrganizationState = { status: 'unregistered' };

export function evolveOrganization(
  _state: OrganizationState,
  event: OrganizationEvent,
): OrganizationState {
  switch (event.type) {
    case 'OrganizationRegistered':
      return {
        status: 'registered',
        organizationId: event.data.organizationId,
        name: event.data.name,
      };
    default:
      return assertNever(event.type, 'organization event');
  }
}
