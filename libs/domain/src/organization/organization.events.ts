export interface OrganizationRegistered {
  type: 'OrganizationRegistered';
  data: { organizationId: string; name: string };
}

export type OrganizationEvent = OrganizationRegistered;
