import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ensureOfferingProviderRegistered,
  OfferingCommand,
  offeringDecider,
  organizationDecider,
  streamIdOf,
} from '@app/domain';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { ExecuteOfferingCommand } from './offering.command';

@CommandHandler(ExecuteOfferingCommand)
export class OfferingCommandHandler implements ICommandHandler<ExecuteOfferingCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ offeringId, intent, context }: ExecuteOfferingCommand): Promise<CommandAnswer> {
    const ids = this.repository.idsFor(context);
    const id = offeringId ?? ids.id('aggregate');
    const command = {
      type: intent.type,
      now: this.repository.now(),
      data: { ...intent.data, offeringId: id },
    } as OfferingCommand;
    return this.repository.execute({
      decider: offeringDecider,
      aggregateId: id,
      streamId: streamIdOf('offering', id),
      context,
      ids,
      creates: command.type === 'PublishOffering',
      decide: async (state) => {
        const events = offeringDecider.decide(command, state);
        if (command.type === 'PublishOffering') {
          // Cross-aggregate: the provider must be a registered organization.
          const { providerId } = command.data;
          const provider = await this.repository.load(
            streamIdOf('organization', providerId),
            organizationDecider,
          );
          ensureOfferingProviderRegistered(provider.state, providerId);
        }
        return events;
      },
    });
  }
}
