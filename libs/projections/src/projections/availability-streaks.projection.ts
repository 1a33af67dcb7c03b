import { isServiceLevelBreach } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { improvementIdForBreachStreak } from '../saga/deterministic-id';
import { dataOf } from './event-data';

/** Breaches in a row of an offering's availability within a relationship that call for action. */
export const BREACHES_IN_A_ROW = 3;
export const AVAILABILITY_METRIC = 'availability';

interface Streak {
  breachesInARow: number;
}

/**
 * A streak of availability breaches that reached BREACHES_IN_A_ROW: the saga proposes an
 * improvement for it. Keyed by the improvement id derived from the measurement event.
 */
export interface BreachStreakTrigger {
  improvementId: string;
  measurementEventId: string;
  position: string;
  relationshipId: string;
  offeringId: string;
  /** The last measured availability: the improvement's baseline. */
  lastActual: number;
  /** The offering's warranty availability target: the improvement's target. */
  warrantyTarget: number;
  correlationId: string | null;
  recordedAt: string;
  /** `proposed` once the log holds the improvement. */
  status: 'pending' | 'proposed';
}

/**
 * Counts availability breaches in a row per offering and relationship, durably (with its
 * checkpoint), so the saga knows a streak without replaying history.
 */
export class AvailabilityStreaksProjection implements Projection {
  static readonly NAME = 'availability-streaks';
  readonly name = AvailabilityStreaksProjection.NAME;
  readonly version = 1;
  readonly handles = [
    'OfferingPublished',
    'OfferingRevised',
    'ServiceLevelMeasured',
    'ImprovementProposed',
  ] as const;
  readonly collections = [
    { name: 'streaks' },
    { name: 'warranties' },
    { name: 'triggers', indexes: ['status'] },
  ] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    switch (event.type) {
      case 'OfferingPublished':
      case 'OfferingRevised': {
        const { offeringId, warranty } = event.data as unknown as {
          offeringId: string;
          warranty: { availabilityTarget: number };
        };
        session.put('warranties', offeringId, { availabilityTarget: warranty.availabilityTarget });
        return;
      }
      case 'ImprovementProposed': {
        const { improvementId } = dataOf(event, 'ImprovementProposed');
        const trigger = session.get<BreachStreakTrigger>('triggers', improvementId);
        if (trigger && trigger.status !== 'proposed') {
          trigger.status = 'proposed';
          session.put('triggers', improvementId, trigger);
        }
        return;
      }
      case 'ServiceLevelMeasured': {
        const data = dataOf(event, 'ServiceLevelMeasured');
        if (data.metric !== AVAILABILITY_METRIC) return;
        const key = `${data.relationshipId}:${data.offeringId}`;
        const streak = session.get<Streak>('streaks', key);
        if (!isServiceLevelBreach(data)) {
          // Only running streaks are kept: most measurements meet their target.
          if (streak) session.delete('streaks', key);
          return;
        }
        const breachesInARow = (streak?.breachesInARow ?? 0) + 1;
        session.put<Streak>('streaks', key, { breachesInARow });
        if (breachesInARow !== BREACHES_IN_A_ROW) return;
        const improvementId = improvementIdForBreachStreak(event.eventId);
        const warranty = session.get<{ availabilityTarget: number }>('warranties', data.offeringId);
        session.put<BreachStreakTrigger>('triggers', improvementId, {
          improvementId,
          measurementEventId: event.eventId,
          position: event.position,
          relationshipId: data.relationshipId,
          offeringId: data.offeringId,
          lastActual: data.actual,
          warrantyTarget: warranty?.availabilityTarget ?? data.target,
          correlationId: event.metadata.correlationId ?? null,
          recordedAt: event.metadata.recordedAt,
          status: 'pending',
        });
        return;
      }
      default:
        return;
    }
  }
}
