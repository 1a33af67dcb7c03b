import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ensureOfferingProvisionable,
  ensureRelationshipParties,
  isoInstant,
  offeringDecider,
  organizationDecider,
  RelationshipCommand,
  relationshipDecider,
  RelationshipEvent,
  RelationshipState,
  streamIdOf,
  WarrantyRevision,
} from '@app/domain';
import { CLOCK, Clock } from '../clock';
import { ID_SOURCE, IdSource } from '../ids/id-source';
import { AggregateReader } from './aggregate-reader';
import { CommandAnswer } from './command-answer';
import { CommandIds } from './command-ids';
import { CommandPipeline } from './command-pipeline';
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
  constructor(
    private readonly commands: CommandPipeline,
    @Inject(ID_SOURCE) private readonly idSource: IdSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    relationshipId,
    intent,
    context,
  }: ExecuteRelationshipCommand): Promise<CommandAnswer> {
    const ids = new CommandIds(context, this.idSource);
    const id = relationshipId ?? ids.id('aggregate');
    const field = ENTITY_ID_FIELD[intent.type];
    const entityIds = field === undefined ? undefined : { [field]: ids.id('entity') };
    const now = isoInstant(this.clock.now().getTime());
    const data = { ...intent.data, relationshipId: id, ...entityIds };
    const type = intent.type;
    return this.commands.execute({
      decider: relationshipDecider,
      aggregateId: id,
      streamId: streamIdOf('relationship', id),
      context,
      ids,
      creates: type === 'EstablishRelationship',
      entityIds,
      decide: (state, streams) => {
        const command = { type, now, data } as RelationshipCommand;
        return readsOtherStreams(command)
          ? decideWithOtherStreams(command, state, streams)
          : relationshipDecider.decide(command, state);
      },
    });
  }
}

/**
 * Whether deciding needs other streams' states: most commands need only their own stream's,
 * and are decided at once, without reading anything.
 */
function readsOtherStreams({ type }: RelationshipCommand): boolean {
  return (
    type === 'EstablishRelationship' ||
    type === 'ProvisionService' ||
    type === 'MeasureServiceLevel'
  );
}

/**
 * Own-stream rules first (404 for an unknown relationship, 409 when ended), then the rules
 * that need other streams.
 */
async function decideWithOtherStreams(
  command: RelationshipCommand,
  state: RelationshipState,
  streams: AggregateReader,
): Promise<RelationshipEvent[]> {
  const measured = { ...command, ...(await offeringWarranties(command, streams)) };
  const events = relationshipDecider.decide(measured, state);
  await checkOtherStreams(command, state, streams);
  return events;
}

/**
 * A measurement is judged against the measured offering's warranty in force for its period:
 * the offering stream's warranty history goes into the command, decide picks the revision.
 */
async function offeringWarranties(
  command: RelationshipCommand,
  streams: AggregateReader,
): Promise<{ warranties?: readonly WarrantyRevision[] }> {
  if (command.type !== 'MeasureServiceLevel') return {};
  const { offeringId } = command.data;
  const offering = await streams.state(streamIdOf('offering', offeringId), offeringDecider);
  return { warranties: offering.status === 'unpublished' ? [] : offering.warranties };
}

async function checkOtherStreams(
  command: RelationshipCommand,
  state: RelationshipState,
  streams: AggregateReader,
): Promise<void> {
  if (command.type === 'EstablishRelationship') {
    const { providerId, consumerId } = command.data;
    const [provider, consumer] = await Promise.all([
      streams.state(streamIdOf('organization', providerId), organizationDecider),
      streams.state(streamIdOf('organization', consumerId), organizationDecider),
    ]);
    ensureRelationshipParties(provider, consumer, providerId, consumerId);
  }
  if (command.type === 'ProvisionService' && state.status !== 'unestablished') {
    const { offeringId } = command.data;
    const offering = await streams.state(streamIdOf('offering', offeringId), offeringDecider);
    ensureOfferingProvisionable(offering, offeringId, state.providerId);
  }
}
