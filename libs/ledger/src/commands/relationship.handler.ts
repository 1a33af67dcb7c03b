import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ensureOfferingProvisionable,
  ensureRelationshipParties,
  offeringDecider,
  organizationDecider,
  RelationshipCommand,
  relationshipDecider,
  RelationshipEvent,
  RelationshipState,
  streamIdOf,
  WarrantyRevision,
} from '@app/domain';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { ExecuteRelationshipCommand, RelationshipEntityIdField } from './relationship.command';

/** Which new entity id each command needs (and answers with). */
const ENTITY_ID_FIELD: Record<RelationshipCommand['type'], RelationshipEntityIdField | undefined> =
  {
    EstablishRelationship: undefined,
    AssignStakeholder: 'stakeholderId',
    ProvisionService: undefined,
    DeprovisionService: undefined,
    ConsumeService: 'consumptionId',
    DeliverOutput: 'outputId',
    RealizeOutcome: 'outcomeId',
    RecordCost: 'costId',
    RecordRisk: 'riskId',
    MeasureServiceLevel: 'measurementId',
    ReviewRelationship: 'reviewId',
    RetractFact: undefined,
    EndRelationship: undefined,
  };

@CommandHandler(ExecuteRelationshipCommand)
export class RelationshipCommandHandler implements ICommandHandler<ExecuteRelationshipCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({
    relationshipId,
    intent,
    context,
  }: ExecuteRelationshipCommand): Promise<CommandAnswer> {
    const ids = this.repository.idsFor(context);
    const id = relationshipId ?? ids.id('aggregate');
    const field = ENTITY_ID_FIELD[intent.type];
    const entityIds = field === undefined ? undefined : { [field]: ids.id('entity') };
    const now = this.repository.now();
    const data = { ...intent.data, relationshipId: id, ...entityIds };
    const type = intent.type;
    return this.repository.execute({
      decider: relationshipDecider,
      aggregateId: id,
      streamId: streamIdOf('relationship', id),
      context,
      ids,
      creates: type === 'EstablishRelationship',
      entityIds,
      decide: async (state) => {
        const command = { type, now, data, ...(await this.offeringWarranties(intent)) };
        return this.decide(command as RelationshipCommand, state);
      },
    });
  }

  /**
   * Own-stream rules first (404 for an unknown relationship, 409 when ended), then the rules
   * that need other streams.
   */
  private async decide(
    command: RelationshipCommand,
    state: RelationshipState,
  ): Promise<RelationshipEvent[]> {
    const events = relationshipDecider.decide(command, state);
    await this.checkOtherStreams(command, state);
    return events;
  }

  /**
   * A measurement is judged against the measured offering's warranty in force for its period:
   * the offering stream's warranty history goes into the command, decide picks the revision.
   */
  private async offeringWarranties(
    intent: ExecuteRelationshipCommand['intent'],
  ): Promise<{ warranties?: readonly WarrantyRevision[] }> {
    if (intent.type !== 'MeasureServiceLevel') return {};
    const { offeringId } = intent.data;
    const offering = await this.repository.load(
      streamIdOf('offering', offeringId),
      offeringDecider,
    );
    return { warranties: offering.state.status === 'unpublished' ? [] : offering.state.warranties };
  }

  private async checkOtherStreams(
    command: RelationshipCommand,
    state: RelationshipState,
  ): Promise<void> {
    if (command.type === 'EstablishRelationship') {
      const { providerId, consumerId } = command.data;
      const [provider, consumer] = await Promise.all([
        this.repository.load(streamIdOf('organization', providerId), organizationDecider),
        this.repository.load(streamIdOf('organization', consumerId), organizationDecider),
      ]);
      ensureRelationshipParties(provider.state, consumer.state, providerId, consumerId);
    }
    if (command.type === 'ProvisionService' && state.status !== 'unestablished') {
      const { offeringId } = command.data;
      const offering = await this.repository.load(
        streamIdOf('offering', offeringId),
        offeringDecider,
      );
      ensureOfferingProvisionable(offering.state, offeringId, state.providerId);
    }
  }
}
