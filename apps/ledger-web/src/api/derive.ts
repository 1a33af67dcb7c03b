import { isPast } from '../format/period';
import type { Improvement, OfferingTrend, Party, RelationshipSummary, Severity } from './types';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Mean value score per stakeholder role over all months (weighted by each month's reviews). */
export function valueScoreByRole(
  trend: OfferingTrend,
): { role: string; reviews: number; mean: number | null }[] {
  const totals = new Map<string, { reviews: number; sum: number }>();
  for (const month of trend.months) {
    for (const [role, score] of Object.entries(month.valueScore ?? {})) {
      const t = totals.get(role) ?? { reviews: 0, sum: 0 };
      if (score.mean !== null) {
        t.reviews += score.reviews;
        t.sum += score.mean * score.reviews;
      }
      totals.set(role, t);
    }
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, t]) => ({
      role,
      reviews: t.reviews,
      mean: t.reviews === 0 ? null : t.sum / t.reviews,
    }));
}

/** Worst first: most breaches, then the lowest value score (unscored last among equals). */
export function worstFirst(relationships: readonly RelationshipSummary[]): RelationshipSummary[] {
  return [...relationships].sort((a, b) => {
    const byBreaches = breachesOf(b) - breachesOf(a);
    if (byBreaches !== 0) return byBreaches;
    const scoreA = a.averageValueScore ?? Number.POSITIVE_INFINITY;
    const scoreB = b.averageValueScore ?? Number.POSITIVE_INFINITY;
    return scoreA - scoreB;
  });
}

const OPEN: readonly string[] = ['proposed', 'approved', 'implemented', 'on-hold'];

/** Overdue: still open and its target date has passed (the server's own flag when it sends one). */
export function isOverdue(improvement: Improvement, now: Date): boolean {
  if (typeof improvement.overdue === 'boolean') return improvement.overdue;
  return OPEN.includes(improvement.status) && isPast(improvement.targetDate, now);
}

/** The subject an improvement names, whatever shape the register gives it. */
export function subjectOf(improvement: Improvement): {
  kind: 'offering' | 'relationship' | null;
  id: string | null;
} {
  const subject = improvement.subject;
  if (typeof subject === 'string') {
    const match = /^(offering|relationship)-(.+)$/.exec(subject);
    return match
      ? { kind: match[1] as 'offering' | 'relationship', id: match[2] }
      : { kind: null, id: subject };
  }
  if (subject !== undefined && subject !== null) {
    if (subject.offeringId !== undefined) return { kind: 'offering', id: subject.offeringId };
    if (subject.relationshipId !== undefined) {
      return { kind: 'relationship', id: subject.relationshipId };
    }
  }
  return { kind: null, id: improvement.subjectId ?? null };
}

/** Formats a measured number without float noise: 99.94999999 → "99.95". */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Number(value.toFixed(digits)));
}

/** An organization's name, or the start of its id when the ledger has none. */
export function partyName(party: Party | undefined): string {
  if (party === undefined) return '—';
  return party.name ?? party.id.slice(0, 8);
}

/** A relationship's breached measurements, net of retractions. */
export function breachesOf(relationship: RelationshipSummary): number {
  return relationship.breaches ?? relationship.counts?.breaches ?? 0;
}
