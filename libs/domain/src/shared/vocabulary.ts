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
  'withdrawn',
  'on-hold',
  'implemented',
  'evaluated',
] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Statuses an improvement never leaves: nothing more is expected of it. */
export const CLOSED_IMPROVEMENT_STATUSES: readonly ImprovementStatus[] = [
  'rejected',
  'withdrawn',
  'evaluated',
];

/** Which way the metric should move: availability up, resolution hours down. */
export const IMPROVEMENT_DIRECTIONS = ['increase', 'decrease'] as const;
export type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];

/** How an evaluated improvement closed (as ServiceNow's closure codes). */
export const IMPROVEMENT_CLOSURES = ['successful', 'partially-successful', 'unsuccessful'] as const;
export type ImprovementClosure = (typeof IMPROVEMENT_CLOSURES)[number];

/** Where a baseline or an actual came from: the ledger's own measurements, or a person's word. */
export const VALUE_SOURCES = ['measured', 'stated'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/**
 * How a service level's actual value is compared with its target: availability must be
 * at least its target; a response time at most. A breach is derived from this, never posted.
 */
export const TARGET_COMPARISONS = ['at-least', 'at-most'] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];
