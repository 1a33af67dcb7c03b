/** Words from the ITIL 4 notes that the domain's events and commands use. */

export const STAKEHOLDER_ROLES = ['customer', 'user', 'sponsor'] as const;
/** Customer defines requirements and owns outcomes; user uses; sponsor authorizes budget. */
export type StakeholderRole = (typeof STAKEHOLDER_ROLES)[number];

export const EFFECTS = ['removed', 'imposed'] as const;
/** A cost or risk removed from the consumer by the service, or imposed on it by the service. */
export type Effect = (typeof EFFECTS)[number];

export const RISK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

export const FOUR_DIMENSIONS = [
  'organizations-and-people',
  'information-and-technology',
  'partners-and-suppliers',
  'value-streams-and-processes',
] as const;
export type Dimension = (typeof FOUR_DIMENSIONS)[number];

export const VALUE_CHAIN_ACTIVITIES = [
  'plan',
  'improve',
  'engage',
  'design-and-transition',
  'obtain-build',
  'deliver-and-support',
] as const;
export type ValueChainActivity = (typeof VALUE_CHAIN_ACTIVITIES)[number];

export const IMPROVEMENT_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'implemented',
  'evaluated',
] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/**
 * How a service level's actual value is compared with its target: availability must be
 * at least its target; a response time at most. A breach is derived from this, never posted.
 */
export const TARGET_COMPARISONS = ['at-least', 'at-most'] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];
