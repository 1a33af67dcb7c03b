import { Projection } from '../projection';
import { AvailabilityStreaksProjection } from './availability-streaks.projection';
import { CatalogProjection } from './catalog.projection';
import { ImprovementAnalyticsProjection } from './improvement-analytics.projection';
import { ImprovementRegisterProjection } from './improvement-register.projection';
import { OfferingAnalyticsProjection } from './offering-analytics.projection';
import { OfferingTrendProjection } from './offering-trend.projection';
import { RelationshipSummaryProjection } from './relationship-summary.projection';

/** Every projection of the ledger, fresh instances. */
export function allProjections(): Projection[] {
  return [
    new CatalogProjection(),
    new RelationshipSummaryProjection(),
    new OfferingAnalyticsProjection(),
    new OfferingTrendProjection(),
    new ImprovementRegisterProjection(),
    new ImprovementAnalyticsProjection(),
    new AvailabilityStreaksProjection(),
  ];
}
