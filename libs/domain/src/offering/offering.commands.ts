import { OfferingDescription } from './offering.events';

/*
 * `now` is the instant the command is decided at (ISO-8601), handed in by the command handler
 * from its clock: the domain reads no clock. `effectiveFrom` defaults to it.
 */

export interface PublishOffering {
  type: 'PublishOffering';
  now: string;
  data: { offeringId: string; providerId: string; effectiveFrom?: string } & OfferingDescription;
}

/** Replaces the whole description, as the OfferingRevised event carries it whole. */
export interface ReviseOffering {
  type: 'ReviseOffering';
  now: string;
  data: { offeringId: string; effectiveFrom?: string } & OfferingDescription;
}

export interface RetireOffering {
  type: 'RetireOffering';
  now: string;
  data: { offeringId: string; reason?: string | null };
}

export type OfferingCommand = PublishOffering | ReviseOffering | RetireOffering;
