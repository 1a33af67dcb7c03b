import { FoldList } from '../shared/fold-list';
import { FoldMap } from '../shared/fold-map';
import { FoldSet } from '../shared/fold-set';
import { StateSnapshotCodec } from '../shared/state-snapshot-codec';
import { StakeholderRole } from '../shared/vocabulary';
import { PackedFactsJson } from './packed-facts';
import { RecordedFacts } from './recorded-facts';
import { RelationshipView } from './relationship-view';
import { EstablishedRelationship, RelationshipState } from './relationship.state';

type EstablishedView = Exclude<RelationshipView, { status: 'unestablished' }>;

/**
 * The view, with what grows with the stream packed by column (see PackedStrings, PackedFacts)
 * and the indexes over the facts stored as they are, so a restore rebuilds no per-fact entry.
 */
type RelationshipSnapshot =
  | { status: 'unestablished' }
  | (Omit<EstablishedView, 'deliveredOutputIds' | 'facts'> & {
      facts: PackedFactsJson;
      /** Stored, not derived from the stakeholders: a role once held stays held (as in evolve). */
      stakeholderRoles: StakeholderRole[];
      outputEnablers: [string, number][];
      measurementSeries: [string, string[]][];
    });

/**
 * Relationship states in snapshots. Bump the number in `shape` with any change to
 * RelationshipState or evolveRelationship, or old snapshots would be read as new.
 * 5: facts packed by column; roles, enablers and measurement series stored. 6: delivered
 * outputs as rows of the packed facts. 7: facts in the order recorded with an index by id,
 * delivered outputs as positions: a state restored from a snapshot is encoded again by
 * appending what changed since, not by packing every fact. 8: no delivered outputs (the state
 * finds them among its facts). 9: a FoldMap iterates as a Map (a stakeholder retracted and
 * assigned again comes after the others), so the stored stakeholders' order changed.
 */
export const relationshipSnapshotCodec: StateSnapshotCodec<RelationshipState> = {
  shape: 'relationship/9',
  toJson: (state): RelationshipSnapshot => {
    if (state.status === 'unestablished') return { status: 'unestablished' };
    const facts = RecordedFacts.packed(state.facts);
    return {
      status: state.status,
      relationshipId: state.relationshipId,
      providerId: state.providerId,
      consumerId: state.consumerId,
      occurredAt: state.occurredAt,
      stakeholders: [...state.stakeholders.values()],
      stakeholderRoles: [...state.stakeholderRoles.values()],
      provisionedOfferingIds: [...state.provisionedOfferingIds.values()],
      facts,
      outputEnablers: [...state.outputEnablers.entries()],
      measurementSeries: [...state.measurementSeries.entries()].map(
        ([series, ids]) => [series, [...ids.values()]] as [string, string[]],
      ),
      counts: { ...state.counts },
      endReason: state.endReason,
    };
  },
  fromJson: (json) => {
    const snapshot = checked(json);
    if (snapshot.status === 'unestablished') return { status: 'unestablished' };
    const restored: EstablishedRelationship = {
      status: snapshot.status,
      relationshipId: snapshot.relationshipId,
      providerId: snapshot.providerId,
      consumerId: snapshot.consumerId,
      occurredAt: snapshot.occurredAt,
      stakeholders: FoldMap.from(
        snapshot.stakeholders.map((s) => [s.stakeholderId, { ...s }] as const),
      ),
      stakeholderRoles: FoldSet.from(snapshot.stakeholderRoles),
      provisionedOfferingIds: FoldSet.from(snapshot.provisionedOfferingIds),
      facts: RecordedFacts.fromPacked(snapshot.facts),
      outputEnablers: FoldMap.from(snapshot.outputEnablers),
      measurementSeries: FoldMap.from(
        snapshot.measurementSeries.map(([series, ids]) => [series, FoldList.from(ids)] as const),
      ),
      counts: { ...snapshot.counts },
      endReason: snapshot.endReason,
    };
    return restored;
  },
};

function checked(json: unknown): RelationshipSnapshot {
  const snapshot = json as Partial<Record<string, unknown>> | null;
  if (typeof snapshot !== 'object' || snapshot === null) {
    throw new TypeError('not a relationship snapshot');
  }
  if (snapshot.status === 'unestablished') return { status: 'unestablished' };
  if (
    (snapshot.status !== 'active' && snapshot.status !== 'ended') ||
    typeof snapshot.relationshipId !== 'string' ||
    typeof snapshot.occurredAt !== 'string' ||
    typeof snapshot.counts !== 'object' ||
    !Array.isArray(snapshot.stakeholders) ||
    !Array.isArray(snapshot.provisionedOfferingIds) ||
    !Array.isArray(snapshot.stakeholderRoles) ||
    !Array.isArray(snapshot.outputEnablers) ||
    !Array.isArray(snapshot.measurementSeries) ||
    typeof snapshot.facts !== 'object'
  ) {
    throw new TypeError('not a relationship snapshot of this shape');
  }
  return snapshot as RelationshipSnapshot;
}
