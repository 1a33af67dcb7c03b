import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandAnswer, CommandContext, ExecuteOrganizationCommand } from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from './command-context.decorator';
import { CommandRoute } from './command-route.decorator';
import { RegisterOrganizationDto } from './dto/organization.dto';

@ApiTags('commands: organizations')
@Roles('service')
@Controller('v1/organizations')
export class OrganizationCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute({
    path: '',
    summary: 'Register an organization (OrganizationRegistered)',
    creates: true,
  })
  register(
    @Body() body: RegisterOrganizationDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new ExecuteOrganizationCommand(
        body.id,
        { type: 'RegisterOrganization', data: { name: body.name } },
        context,
      ),
    );
  }
}
