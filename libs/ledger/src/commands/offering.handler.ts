import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ensureOfferingProviderRegistered,
  OfferingCommand,
  offeringDecider,
  organizationDecider,
  streamIdOf,
} from '@app/domain';
import { CLOCK, Clock } from '../clock';
import { ID_SOURCE, IdSource } from '../ids/id-source';
import { CommandAnswer } from './command-answer';
import { CommandIds } from './command-ids';
import { CommandPipeline } from './command-pipeline';
import { ExecuteOfferingCommand } from './offering.command';

@CommandHandler(ExecuteOfferingCommand)
export class OfferingCommandHandler implements ICommandHandler<ExecuteOfferingCommand> {
  constructor(
    private readonly commands: CommandPipeline,
    @Inject(ID_SOURCE) private readonly idSource: IdSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ offeringId, intent, context }: ExecuteOfferingCommand): Promise<CommandAnswer> {
    const ids = new CommandIds(context, this.idSource);
    const id = offeringId ?? ids.id('aggregate');
    const command = {
      type: intent.type,
      now: this.clock.now().toISOString(),
      data: { ...intent.data, offeringId: id },
    } as OfferingCommand;
    return this.commands.execute({
      decider: offeringDecider,
      aggregateId: id,
      streamId: streamIdOf('offering', id),
      context,
      ids,
      creates: command.type === 'PublishOffering',
      decide: async (state, streams) => {
        const events = offeringDecider.decide(command, state);
        if (command.type === 'PublishOffering') {
          // Cross-aggregate: the provider must be a registered organization.
          const { providerId } = command.data;
          const provider = await streams.state(
            streamIdOf('organization', providerId),
            organizationDecider,
          );
          ensureOfferingProviderRegistered(provider, providerId);
        }
        return events;
      },
    });
  }
}
