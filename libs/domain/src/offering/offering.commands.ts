import { OfferingDescription } from './offering.events';

export interface PublishOffering {
  type: 'PublishOffering';
  data: { offeringId: string; providerId: string } & OfferingDescription;
}

/** Replaces the whole description, as the OfferingRevised event carries it whole. */
export interface ReviseOffering {
  type: 'ReviseOffering';
  data: { offeringId: string } & OfferingDescription;
}

export interface RetireOffering {
  type: 'RetireOffering';
  data: { offeringId: string; reason?: string | null };
}

export type OfferingCommand = PublishOffering | ReviseOffering | RetireOffering;
