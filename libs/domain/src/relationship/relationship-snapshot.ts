import { StateSnapshotCodec } from '../shared/state-snapshot-codec';
import { restoreRelationship, RelationshipView, viewRelationship } from './relationship-view';
import { RelationshipState } from './relationship.state';

/**
 * Relationship states in snapshots: their view (plain JSON). Bump the number in `shape` with
 * any change to RelationshipState or evolveRelationship, or old snapshots would be read as new.
 */
export const relationshipSnapshotCodec: StateSnapshotCodec<RelationshipState> = {
  shape: 'relationship/2',
  toJson: viewRelationship,
  fromJson: (json) => restoreRelationship(checkedView(json)),
};

function checkedView(json: unknown): RelationshipView {
  const view = json as Partial<Record<string, unknown>> | null;
  if (typeof view !== 'object' || view === null) throw new TypeError('not a relationship view');
  if (view.status === 'unestablished') return { status: 'unestablished' };
  const lists = ['stakeholders', 'provisionedOfferingIds', 'deliveredOutputIds'];
  if (
    (view.status !== 'active' && view.status !== 'ended') ||
    typeof view.relationshipId !== 'string' ||
    typeof view.occurredAt !== 'string' ||
    typeof view.counts !== 'object' ||
    lists.some((list) => !Array.isArray(view[list]))
  ) {
    throw new TypeError('not a relationship view of this shape');
  }
  return view as RelationshipView;
}
