import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { OfferingDescription } from '@app/domain';
import { CommandAnswer, CommandContext, ExecuteOfferingCommand, OfferingIntent } from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from './command-context.decorator';
import { CommandRoute } from './command-route.decorator';
import { IdParams, ReasonDto } from './dto/common.dto';
import {
  OfferingDescriptionDto,
  PublishOfferingDto,
  ReviseOfferingDto,
  serviceLevelsOf,
} from './dto/offering.dto';

@ApiTags('commands: offerings')
@Roles('service')
@Controller('v1/offerings')
export class OfferingCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute({
    path: '',
    summary: 'Publish a service offering (OfferingPublished)',
    creates: true,
  })
  publish(
    @Body() body: PublishOfferingDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      providerId: body.providerId,
      ...descriptionOf(body),
      effectiveFrom: body.effectiveFrom,
    };
    return this.send(body.id, { type: 'PublishOffering', data }, context);
  }

  @CommandRoute({ path: ':id/revise', summary: 'Revise the whole description (OfferingRevised)' })
  revise(
    @Param() { id }: IdParams,
    @Body() body: ReviseOfferingDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { ...descriptionOf(body), effectiveFrom: body.effectiveFrom };
    return this.send(id, { type: 'ReviseOffering', data }, context);
  }

  @CommandRoute({ path: ':id/retire', summary: 'Retire the offering (OfferingRetired)' })
  retire(
    @Param() { id }: IdParams,
    @Body() body: ReasonDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(
      id,
      { type: 'RetireOffering', data: { reason: body.reason ?? null } },
      context,
    );
  }

  private send(
    id: string | undefined,
    intent: OfferingIntent,
    context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ExecuteOfferingCommand(id, intent, context));
  }
}

function descriptionOf(body: OfferingDescriptionDto): OfferingDescription {
  return {
    name: body.name,
    targetConsumerGroup: body.targetConsumerGroup,
    goods: body.goods,
    resourceAccess: body.resourceAccess,
    serviceActions: body.serviceActions,
    utility: body.utility,
    warranty: { serviceLevels: serviceLevelsOf(body.warranty) },
  };
}
