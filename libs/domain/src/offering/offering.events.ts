/** Utility is what the offering does; warranty the agreed requirements it will meet. */
export interface Warranty {
  /** Agreed availability in percent, 0–100. */
  availabilityTarget: number;
}

/** A formal description of services for a target consumer group. */
export interface OfferingDescription {
  name: string;
  targetConsumerGroup: string;
  goods: string[];
  resourceAccess: string[];
  serviceActions: string[];
  utility: string[];
  warranty: Warranty;
}

export interface OfferingPublished {
  type: 'OfferingPublished';
  data: { offeringId: string; providerId: string } & OfferingDescription;
}

/** Carries the whole description after the revision, so readers need no earlier event. */
export interface OfferingRevised {
  type: 'OfferingRevised';
  data: { offeringId: string } & OfferingDescription;
}

export interface OfferingRetired {
  type: 'OfferingRetired';
  data: { offeringId: string; reason: string | null };
}

export type OfferingEvent = OfferingPublished | OfferingRevised | OfferingRetired;
