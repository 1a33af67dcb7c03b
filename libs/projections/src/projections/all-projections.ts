import { Projection } from '../projection';
import { BreachStreaksProjection, DEFAULT_BREACH_STREAK } from './breach-streaks.projection';
import { CatalogProjection } from './catalog.projection';
import { ImprovementAnalyticsProjection } from './improvement-analytics.projection';
import { ImprovementRegisterProjection } from './improvement-register.projection';
import { OfferingAnalyticsProjection } from './offering-analytics.projection';
import { OfferingTrendProjection } from './offering-trend.projection';
import { RelationshipSummaryProjection } from './relationship-summary.projection';

/** Every projection of the ledger, fresh instances; `breachStreak` is LEDGER_BREACH_STREAK. */
export function allProjections(breachStreak = DEFAULT_BREACH_STREAK): Projection[] {
  return [
    new CatalogProjection(),
    new RelationshipSummaryProjection(),
    new OfferingAnalyticsProjection(),
    new OfferingTrendProjection(),
    new ImprovementRegisterProjection(),
    new ImprovementAnalyticsProjection(),
    new BreachStreaksProjection(breachStreak),
  ];
}
