import { given } from '../../testing/given-when-then';
import { fold } from '../shared/fold';
import { organizationDecider } from './organization.decider';
import { OrganizationRegistered } from './organization.events';

const organizationId = '0b9c6f0e-1d7e-4c57-9a52-5b0f3b7d2a10';
const registered: OrganizationRegistered = {
  type: 'OrganizationRegistered',
  data: { organizationId, name: 'Acme Hosting' },
};

describe('organization decider', () => {
  it('RegisterOrganization on a new stream records OrganizationRegistered', () => {
    given(organizationDecider)
      .when({ type: 'RegisterOrganization', data: { organizationId, name: 'Acme Hosting' } })
      .thenEvents([registered]);
  });

  it('RegisterOrganization a second time is refused: already-exists', () => {
    given(organizationDecider, [registered])
      .when({ type: 'RegisterOrganization', data: { organizationId, name: 'Acme again' } })
      .thenRuleViolated('already-exists', organizationId);
  });

  it('records only the fields of the event, whatever else the command carries', () => {
    const command = {
      type: 'RegisterOrganization' as const,
      data: { organizationId, name: 'Acme Hosting', extra: 'ignored' },
    };
    given(organizationDecider).when(command).thenEvents([registered]);
  });

  it('evolve: a registered organization has its id and name', () => {
    expect(fold(organizationDecider, [registered])).toEqual({
      status: 'registered',
      organizationId,
      name: 'Acme Hosting',
    });
    expect(organizationDecider.initialState()).toEqual({ status: 'unregistered' });
  });
});
