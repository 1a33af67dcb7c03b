import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS, LedgerEvent, streamIdOf } from '@app/domain';
import { EventStore, JsonObject, RecordedEvent } from '@app/event-store';

/** When the scenario's events were recorded: one an hour from this instant. */
export const SCENARIO_START = Date.UTC(2026, 0, 1, 9, 0, 0);
export const HOUR = 3_600_000;
/** When the scenario's facts occurred (they are recorded later, one an hour). */
const OCCURRED = '2025-12-01T00:00:00.000Z';

export interface AuditScenario {
  providerId: string;
  consumerId: string;
  offeringId: string;
  relationshipId: string;
  relationshipStreamId: string;
  /** Every event appended, in append order, as the store gave it back. */
  recorded: RecordedEvent[];
}

/**
 * The full life of one relationship (and the organizations and offering it needs), appended
 * through the EventStore port with explicit `recordedAt` times, one hour apart, so as-of
 * replays can be asked about known instants. The events follow the domain's shapes.
 */
export async function appendAuditScenario(store: EventStore): Promise<AuditScenario> {
  const providerId = randomUUID();
  const consumerId = randomUUID();
  const offeringId = randomUUID();
  const relationshipId = randomUUID();
  const outputId = randomUUID();
  const plan: { streamId: string; event: LedgerEvent }[] = [
    org(providerId, 'Provider Ltd'),
    org(consumerId, 'Consumer plc'),
    {
      streamId: streamIdOf('offering', offeringId),
      event: {
        type: 'OfferingPublished',
        data: {
          offeringId,
          providerId,
          name: 'Managed e-mail',
          targetConsumerGroup: 'small offices',
          goods: [],
          resourceAccess: ['mailbox'],
          serviceActions: ['support'],
          utility: ['send and receive mail'],
          warranty: {
            serviceLevels: [
              { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
            ],
          },
          effectiveFrom: OCCURRED,
        },
      },
    },
    rel(relationshipId, {
      type: 'RelationshipEstablished',
      data: { relationshipId, providerId, consumerId, occurredAt: OCCURRED },
    }),
    rel(relationshipId, {
      type: 'StakeholderAssigned',
      data: {
        relationshipId,
        stakeholderId: randomUUID(),
        role: 'customer',
        name: 'Dana Ödegård',
        occurredAt: OCCURRED,
      },
    }),
    rel(relationshipId, {
      type: 'ServiceProvisioned',
      data: { relationshipId, offeringId, occurredAt: OCCURRED },
    }),
    rel(relationshipId, {
      type: 'OutputDelivered',
      data: {
        relationshipId,
        outputId,
        description: 'mailboxes migrated',
        offeringId,
        occurredAt: OCCURRED,
      },
    }),
    rel(relationshipId, {
      type: 'OutcomeRealized',
      data: {
        relationshipId,
        outcomeId: randomUUID(),
        stakeholderRole: 'customer',
        description: 'staff read mail on the move',
        enabledBy: [outputId],
        offeringId,
        occurredAt: OCCURRED,
      },
    }),
    rel(relationshipId, {
      type: 'CostRecorded',
      data: {
        relationshipId,
        costId: randomUUID(),
        effect: 'removed',
        amount: '1250.50',
        currency: 'EUR',
        description: 'no on-premises server',
        offeringId,
        occurredAt: OCCURRED,
      },
    }),
    rel(relationshipId, {
      type: 'ServiceLevelMeasured',
      data: {
        relationshipId,
        measurementId: randomUUID(),
        offeringId,
        metric: 'availability',
        actual: 99.95,
        period: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-31T00:00:00.000Z' },
        target: 99.9,
        comparison: 'at-least',
        unit: 'percent',
        breached: false,
      },
    }),
    rel(relationshipId, {
      type: 'RelationshipReviewed',
      data: {
        relationshipId,
        reviewId: randomUUID(),
        stakeholderRole: 'customer',
        valueScore: 4,
        comment: 'good — “mostly”',
        offeringId,
        occurredAt: OCCURRED,
      },
    }),
    rel(relationshipId, {
      type: 'RelationshipEnded',
      data: { relationshipId, reason: 'merged', occurredAt: OCCURRED },
    }),
  ];

  const recorded: RecordedEvent[] = [];
  for (const [index, { streamId, event }] of plan.entries()) {
    await store.append(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: event.type,
          data: event.data as unknown as JsonObject,
          metadata: {
            actor: 'scenario:service',
            correlationId: randomUUID(),
            schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
            recordedAt: new Date(SCENARIO_START + index * HOUR).toISOString(),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
  }
  for await (const event of store.readAll()) recorded.push(event);
  return {
    providerId,
    consumerId,
    offeringId,
    relationshipId,
    relationshipStreamId: streamIdOf('relationship', relationshipId),
    recorded,
  };
}

function org(organizationId: string, name: string): { streamId: string; event: LedgerEvent } {
  return {
    streamId: streamIdOf('organization', organizationId),
    event: { type: 'OrganizationRegistered', data: { organizationId, name } },
  };
}

function rel(relationshipId: string, event: LedgerEvent): { streamId: string; event: LedgerEvent } {
  return { streamId: streamIdOf('relationship', relationshipId), event };
}
