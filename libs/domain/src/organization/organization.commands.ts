/** Commands carry every id the resulting events need: the caller makes ids, the domain none. */
export interface RegisterOrganization {
  type: 'RegisterOrganization';
  data: { organizationId: string; name: string };
}

export type OrganizationCommand = RegisterOrganization;
