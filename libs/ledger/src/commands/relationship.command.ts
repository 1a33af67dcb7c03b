import { Command } from '@nestjs/cqrs';
import { RelationshipCommand } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIntent } from './command-intent';

/** Ids of the entities relationship commands create inside the relationship. */
export type RelationshipEntityIdField =
  | 'stakeholderId'
  | 'consumptionId'
  | 'outputId'
  | 'outcomeId'
  | 'costId'
  | 'riskId'
  | 'measurementId'
  | 'reviewId';

export type RelationshipIntent = CommandIntent<
  RelationshipCommand,
  'relationshipId' | RelationshipEntityIdField
>;

/** Any command on a relationship's stream; `relationshipId` absent → the handler makes one. */
export class ExecuteRelationshipCommand extends Command<CommandAnswer> {
  constructor(
    readonly relationshipId: string | undefined,
    readonly intent: RelationshipIntent,
    readonly context: CommandContext,
  ) {
    super();
  }
}
