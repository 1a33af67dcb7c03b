import { TargetComparison } from '../shared/vocabulary';

/**
 * One agreed service level of a warranty: `metric` (a short name such as `availability` or
 * `resolution-hours`) must be at least or at most `target`, in `unit`.
 */
export interface ServiceLevel {
  metric: string;
  target: number;
  comparison: TargetComparison;
  unit: string;
}

/** Utility is what the offering does; warranty the agreed service levels it will meet (v2). */
export interface Warranty {
  /** At least one; metrics unique. */
  serviceLevels: ServiceLevel[];
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

/**
 * Schema v2: `warranty.serviceLevels` (v1: `warranty.availabilityTarget`) and `effectiveFrom`,
 * the instant (ISO-8601, UTC) from which this description is in force.
 */
export interface OfferingPublished {
  type: 'OfferingPublished';
  data: { offeringId: string; providerId: string } & OfferingDescription & {
      effectiveFrom: string;
    };
}

/**
 * Carries the whole description after the revision, so readers need no earlier event.
 * Schema v2 as OfferingPublished: service levels and `effectiveFrom`.
 */
export interface OfferingRevised {
  type: 'OfferingRevised';
  data: { offeringId: string } & OfferingDescription & { effectiveFrom: string };
}

/** No new provisions from now on; relationships that provisioned it go on until they deprovision. */
export interface OfferingRetired {
  type: 'OfferingRetired';
  data: { offeringId: string; reason: string | null };
}

export type OfferingEvent = OfferingPublished | OfferingRevised | OfferingRetired;
