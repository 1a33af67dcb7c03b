import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationCommand, organizationDecider, streamIdOf } from '@app/domain';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { ExecuteOrganizationCommand } from './organization.command';

@CommandHandler(ExecuteOrganizationCommand)
export class OrganizationCommandHandler implements ICommandHandler<ExecuteOrganizationCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({
    organizationId,
    intent,
    context,
  }: ExecuteOrganizationCommand): Promise<CommandAnswer> {
    const ids = this.repository.idsFor(context);
    const id = organizationId ?? ids.id('aggregate');
    const command = {
      type: intent.type,
      data: { ...intent.data, organizationId: id },
    } as OrganizationCommand;
    return this.repository.execute({
      decider: organizationDecider,
      aggregateId: id,
      streamId: streamIdOf('organization', id),
      context,
      ids,
      creates: command.type === 'RegisterOrganization',
      decide: (state) => organizationDecider.decide(command, state),
    });
  }
}
