import { GetImprovementAnalyticsHandler } from './improvement-analytics.queries';
import { GetImprovementHandler, ListImprovementsHandler } from './improvement.queries';
import { GetOfferingAnalyticsHandler, GetOfferingTrendHandler } from './offering-analytics.queries';
import { GetOfferingHandler, ListOfferingsHandler } from './offering.queries';
import { GetOrganizationHandler, ListOrganizationsHandler } from './organization.queries';
import { ListRelationshipsHandler } from './relationship-list.queries';
import { GetRelationshipSummaryHandler } from './relationship.queries';

/** Every QueryBus handler answering from the read models. */
export const PROJECTION_QUERY_HANDLERS = [
  ListOfferingsHandler,
  GetOfferingHandler,
  GetRelationshipSummaryHandler,
  ListRelationshipsHandler,
  ListOrganizationsHandler,
  GetOrganizationHandler,
  GetOfferingAnalyticsHandler,
  GetOfferingTrendHandler,
  ListImprovementsHandler,
  GetImprovementHandler,
  GetImprovementAnalyticsHandler,
];
