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
    ConsumeService: 'consumptionId',
    DeliverOutput: 'outputId',
    RealizeOutcome: 'outcomeId',
    RecordCost: 'costId',
    RecordRisk: 'riskId',
    MeasureServiceLevel: 'measurementId',
    ReviewRelationship: 'reviewId',
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
    const command = {
      type: intent.type,
      data: { ...intent.data, relationshipId: id, ...entityIds },
    } as RelationshipCommand;
    return this.repository.execute({
      decider: relationshipDecider,
      aggregateId: id,
      streamId: streamIdOf('relationship', id),
      context,
      ids,
      creates: command.type === 'EstablishRelationship',
      entityIds,
      decide: async (state) => {
        // Own-stream rules first (404 for an unknown relationship, 409 when ended), then the
        // rules that need other streams.
        const events = relationshipDecider.decide(command, state);
        await this.checkOtherStreams(command, state);
        await this.checkAttributedOfferingsOpen(command, state, events);
        return events;
      },
    });
  }

  /**
   * Nothing is recorded on a retired offering: a fact attributed to an offering provisioned
   * earlier (consumption, service level, output, cost, ...) is refused once it is retired.
   * ProvisionService checks its offering above, with the provider rule.
   */
  private async checkAttributedOfferingsOpen(
    command: RelationshipCommand,
    state: RelationshipState,
    events: RelationshipEvent[],
  ): Promise<void> {
    if (command.type === 'ProvisionService' || state.status === 'unestablished') return;
    const offeringIds = new Set<string>();
    for (const event of events) {
      if ('offeringId' in event.data && event.data.offeringId !== null) {
        offeringIds.add(event.data.offeringId);
      }
    }
    for (const offeringId of offeringIds) {
      const offering = await this.repository.load(
        streamIdOf('offering', offeringId),
        offeringDecider,
      );
      ensureOfferingProvisionable(offering.state, offeringId, state.providerId);
    }
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
