import { assertNever } from '../shared/assert-never';
import { RuleViolated } from '../shared/domain-errors';
import { OrganizationCommand } from './organization.commands';
import { OrganizationEvent } from './organization.events';
import { OrganizationState } from './organization.state';

export function decideOrganization(
  command: OrganizationCommand,
  state: OrganizationState,
): OrganizationEvent[] {
  switch (command.type) {
    case 'RegisterOrganization':
      if (state.status !== 'unregistered') {
        throw new RuleViolated(
          'already-exists',
          `organization ${command.data.organizationId} is already registered`,
        );
      }
      return [
        {
          type: 'OrganizationRegistered',
          data: { organizationId: command.data.organizationId, name: command.data.name },
        },
      ];
    default:
      return assertNever(command.type, 'organization command');
  }
}
