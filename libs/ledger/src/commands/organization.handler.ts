import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationCommand, organizationDecider, streamIdOf } from '@app/domain';
import { ID_SOURCE, IdSource } from '../ids/id-source';
import { CommandAnswer } from './command-answer';
import { CommandIds } from './command-ids';
import { CommandPipeline } from './command-pipeline';
import { ExecuteOrganizationCommand } from './organization.command';

@CommandHandler(ExecuteOrganizationCommand)
export class OrganizationCommandHandler implements ICommandHandler<ExecuteOrganizationCommand> {
  constructor(
    private readonly commands: CommandPipeline,
    @Inject(ID_SOURCE) private readonly idSource: IdSource,
  ) {}

  async execute({
    organizationId,
    intent,
    context,
  }: ExecuteOrganizationCommand): Promise<CommandAnswer> {
    const ids = new CommandIds(context, this.idSource);
    const id = organizationId ?? ids.id('aggregate');
    const command = {
      type: intent.type,
      data: { ...intent.data, organizationId: id },
    } as OrganizationCommand;
    return this.commands.execute({
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
