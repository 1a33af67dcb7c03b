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
import { CommandRoute, CommandRouteOptions } from './command-route.decorator';
import { EmptyDto, IdParams, ReasonDto } from './dto/common.dto';
import {
  EvaluateImprovementDto,
  ImplementImprovementDto,
  ImprovementSubjectDto,
  ProposeImprovementDto,
  RequiredReasonDto,
} from './dto/improvement.dto';

/** Improvement teams run improvements themselves: these commands are open to analysts too. */
const IMPROVEMENT_ROLES = ['service', 'analyst'] as const;

function ImprovementRoute(options: Omit<CommandRouteOptions, 'roles'>) {
  return CommandRoute({ ...options, roles: IMPROVEMENT_ROLES });
}

@ApiTags('commands: improvements')
@Roles(...IMPROVEMENT_ROLES)
@Controller('v1/improvements')
export class ImprovementCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @ImprovementRoute({
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
      direction: body.direction,
      baseline: body.baseline ?? null,
      target: body.target,
      targetDate: body.targetDate,
      owner: body.owner,
      objective: body.objective ?? null,
      followsUp: body.followsUp ?? null,
    };
    return this.send(body.id, { type: 'ProposeImprovement', data }, context);
  }

  @ImprovementRoute({
    path: ':id/approve',
    summary: 'Approve a proposed improvement, not its proposer (ImprovementApproved)',
  })
  approve(
    @Param() { id }: IdParams,
    @Body() _body: EmptyDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'ApproveImprovement', data: {} }, context);
  }

  @ImprovementRoute({
    path: ':id/reject',
    summary: 'Reject a proposed improvement, not its proposer (ImprovementRejected)',
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

  @ImprovementRoute({
    path: ':id/withdraw',
    summary: 'Withdraw a proposed or approved improvement (ImprovementWithdrawn)',
  })
  withdraw(
    @Param() { id }: IdParams,
    @Body() body: RequiredReasonDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'WithdrawImprovement', data: { reason: body.reason } }, context);
  }

  @ImprovementRoute({
    path: ':id/hold',
    summary: 'Put a proposed or approved improvement on hold (ImprovementPutOnHold)',
  })
  hold(
    @Param() { id }: IdParams,
    @Body() body: RequiredReasonDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'PutImprovementOnHold', data: { reason: body.reason } }, context);
  }

  @ImprovementRoute({
    path: ':id/resume',
    summary: 'Resume an improvement on hold where it left off (ImprovementResumed)',
  })
  resume(
    @Param() { id }: IdParams,
    @Body() _body: EmptyDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.send(id, { type: 'ResumeImprovement', data: {} }, context);
  }

  @ImprovementRoute({
    path: ':id/implement',
    summary: 'Mark an approved improvement implemented (ImprovementImplemented)',
  })
  implement(
    @Param() { id }: IdParams,
    @Body() body: ImplementImprovementDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = body.implementedAt === undefined ? {} : { implementedAt: body.implementedAt };
    return this.send(id, { type: 'ImplementImprovement', data }, context);
  }

  @ImprovementRoute({
    path: ':id/evaluate',
    summary: 'Evaluate an implemented improvement and close it (ImprovementEvaluated)',
  })
  evaluate(
    @Param() { id }: IdParams,
    @Body() body: EvaluateImprovementDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { actual: body.actual ?? null, closure: body.closure, notes: body.notes ?? null };
    return this.send(id, { type: 'EvaluateImprovement', data }, context);
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
