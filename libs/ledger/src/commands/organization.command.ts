import { Command } from '@nestjs/cqrs';
import { OrganizationCommand } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIntent } from './command-intent';

export type OrganizationIntent = CommandIntent<OrganizationCommand, 'organizationId'>;

/** Any command on an organization's stream; `organizationId` absent → the handler makes one. */
export class ExecuteOrganizationCommand extends Command<CommandAnswer> {
  constructor(
    readonly organizationId: string | undefined,
    readonly intent: OrganizationIntent,
    readonly context: CommandContext,
  ) {
    super();
  }
}
