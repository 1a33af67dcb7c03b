import { FoldSet } from '../shared/fold-set';
import { PackedStringsJson } from '../shared/packed-strings';
import { StateSnapshotCodec } from '../shared/state-snapshot-codec';
import { restoreRelationship, RelationshipView, viewRelationship } from './relationship-view';
import { RelationshipState } from './relationship.state';

type EstablishedView = Exclude<RelationshipView, { status: 'unestablished' }>;

/** The view, with the (long) list of delivered outputs packed: see PackedStrings. */
type RelationshipSnapshot =
  | { status: 'unestablished' }
  | (Omit<EstablishedView, 'deliveredOutputIds'> & { deliveredOutputIds: PackedStringsJson });

/**
 * Relationship states in snapshots. Bump the number in `shape` with any change to
 * RelationshipState or evolveRelationship, or old snapshots would be read as new.
 */
export const relationshipSnapshotCodec: StateSnapshotCodec<RelationshipState> = {
  shape: 'relationship/4',
  toJson: (state): RelationshipSnapshot => {
    const view = viewRelationship(state);
    if (view.status === 'unestablished' || state.status === 'unestablished') {
      return { status: 'unestablished' };
    }
    return { ...view, deliveredOutputIds: FoldSet.packed(state.deliveredOutputIds) };
  },
  fromJson: (json) => {
    const snapshot = checked(json);
    if (snapshot.status === 'unestablished') return { status: 'unestablished' };
    const restored = restoreRelationship({ ...snapshot, deliveredOutputIds: [] });
    if (restored.status === 'unestablished') throw new TypeError('not a relationship snapshot');
    return { ...restored, deliveredOutputIds: FoldSet.fromPacked(snapshot.deliveredOutputIds) };
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
    !Array.isArray(snapshot.facts) ||
    typeof snapshot.deliveredOutputIds !== 'object'
  ) {
    throw new TypeError('not a relationship snapshot of this shape');
  }
  return snapshot as RelationshipSnapshot;
}
