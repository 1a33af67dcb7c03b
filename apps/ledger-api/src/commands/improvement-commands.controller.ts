import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ImprovementSubject } from '@app/domain';
import {
  CommandAnswer,
  CommandContext,
  ExecuteImprovementCommand,
  ImprovementIntent,
} from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from './command-context.decorator';
import { CommandRoute } from './command-route.decorator';
import { EmptyDto, IdParams, ReasonDto } from './dto/common.dto';
import {
  EvaluateImprovementDto,
  ImprovementSubjectDto,
  ProposeImprovementDto,
} from './dto/improvement.dto';

@ApiTags('commands: improvements')
@Roles('service')
@Controller('v1/improvements')
export class ImprovementCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute({
    path: '',
    summary: 'Propose an improvement (ImprovementProposed)',
    creates: true,
  })
  propose(
    @Body() body: ProposeImprovementDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      subject: subjectOf(body.subject),
      title: body.title,
      dimension: body.dimension,
      valueChainActivity: body.valueChainActivity,
      metric: body.metric,
      baseline: body.baseline,
      target: body.target,
    };
    return this.send(body.id, { type: 'ProposeImprovement', data }, context);
  }

  @CommandRoute({
    path: ':id/approve',
    summary: 'Approve a proposed improvement (ImprovementApproved)',
  })
  approve(
    @Param() { id }: IdParams,
    @Body() _body: EmptyDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'ApproveImprovement', data: {} }, context);
  }

  @CommandRoute({
    path: ':id/reject',
    summary: 'Reject a proposed improvement (ImprovementRejected)',
  })
  reject(
    @Param() { id }: IdParams,
    @Body() body: ReasonDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(
      id,
      { type: 'RejectImprovement', data: { reason: body.reason ?? null } },
      context,
    );
  }

  @CommandRoute({
    path: ':id/implement',
    summary: 'Mark an approved improvement implemented (ImprovementImplemented)',
  })
  implement(
    @Param() { id }: IdParams,
    @Body() _body: EmptyDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'ImplementImprovement', data: {} }, context);
  }

  @CommandRoute({
    path: ':id/evaluate',
    summary: 'Evaluate an implemented improvement with the actual value (ImprovementEvaluated)',
  })
  evaluate(
    @Param() { id }: IdParams,
    @Body() body: EvaluateImprovementDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'EvaluateImprovement', data: { actual: body.actual } }, context);
  }

  private send(
    id: string | undefined,
    intent: ImprovementIntent,
    context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ExecuteImprovementCommand(id, intent, context));
  }
}

function subjectOf(subject: ImprovementSubjectDto): ImprovementSubject {
  return subject.offeringId !== undefined
    ? { offeringId: subject.offeringId }
    : { relationshipId: subject.relationshipId ?? '' };
}
