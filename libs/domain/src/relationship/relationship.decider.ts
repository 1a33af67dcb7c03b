import { Decider } from '../shared/decider';
import { RelationshipCommand } from './relationship.commands';
import { decideRelationship } from './relationship.decide';
import { RelationshipEvent } from './relationship.events';
import { relationshipSnapshotCodec } from './relationship-snapshot';
import {
  evolveRelationship,
  evolveRelationshipAll,
  initialRelationshipState,
  RelationshipState,
} from './relationship.state';

export const relationshipDecider: Decider<
  RelationshipCommand,
  RelationshipEvent,
  RelationshipState
> = {
  initialState: () => initialRelationshipState,
  evolve: evolveRelationship,
  evolveAll: evolveRelationshipAll,
  decide: decideRelationship,
  snapshot: relationshipSnapshotCodec,
};
