import { Decider } from '../shared/decider';
import { OrganizationCommand } from './organization.commands';
import { decideOrganization } from './organization.decide';
import { OrganizationEvent } from './organization.events';
import {
  evolveOrganization,
  initialOrganizationState,
  OrganizationState,
} from './organization.state';

export const organizationDecider: Decider<
  OrganizationCommand,
  OrganizationEvent,
  OrganizationState
> = {
  initialState: () => initialOrganizationState,
  evolve: evolveOrganization,
  decide: decideOrganization,
};
