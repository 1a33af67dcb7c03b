import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  CommandAnswer,
  CommandContext,
  ExecuteRelationshipCommand,
  RelationshipIntent,
} from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from './command-context.decorator';
import { CommandRoute } from './command-route.decorator';
import { EntityAnswerDto, IdParams, OutputAnswerDto } from './dto/common.dto';
import {
  AssignStakeholderDto,
  ConsumeServiceDto,
  DeliverOutputDto,
  DeprovisionServiceDto,
  EndRelationshipDto,
  EstablishRelationshipDto,
  MeasureServiceLevelDto,
  ProvisionServiceDto,
  RealizeOutcomeDto,
  RecordCostDto,
  RecordRiskDto,
  RetractFactDto,
  ReviewRelationshipDto,
} from './dto/relationship.dto';

@ApiTags('commands: relationships')
@Roles('service')
@Controller('v1/relationships')
export class RelationshipCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute({
    path: '',
    summary: 'Establish a service relationship (RelationshipEstablished)',
    creates: true,
  })
  establish(
    @Body() body: EstablishRelationshipDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      providerId: body.providerId,
      consumerId: body.consumerId,
      occurredAt: body.occurredAt,
    };
    return this.send(body.id, { type: 'EstablishRelationship', data }, context);
  }

  @CommandRoute({
    path: ':id/stakeholders',
    summary: 'Assign a stakeholder (StakeholderAssigned)',
    answer: EntityAnswerDto,
  })
  assignStakeholder(
    @Param() { id }: IdParams,
    @Body() body: AssignStakeholderDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { role: body.role, name: body.name, occurredAt: body.occurredAt };
    return this.send(id, { type: 'AssignStakeholder', data }, context);
  }

  @CommandRoute({ path: ':id/provisions', summary: 'Provision an offering (ServiceProvisioned)' })
  provision(
    @Param() { id }: IdParams,
    @Body() body: ProvisionServiceDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { offeringId: body.offeringId, occurredAt: body.occurredAt };
    return this.send(id, { type: 'ProvisionService', data }, context);
  }

  @CommandRoute({
    path: ':id/deprovisions',
    summary:
      'Stop using a provisioned offering (ServiceDeprovisioned); facts about it are refused from then on',
  })
  deprovision(
    @Param() { id }: IdParams,
    @Body() body: DeprovisionServiceDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { offeringId: body.offeringId, occurredAt: body.occurredAt };
    return this.send(id, { type: 'DeprovisionService', data }, context);
  }

  @CommandRoute({
    path: ':id/consumptions',
    summary: 'Record service consumption (ServiceConsumed)',
    answer: EntityAnswerDto,
  })
  consume(
    @Param() { id }: IdParams,
    @Body() body: ConsumeServiceDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      offeringId: body.offeringId,
      description: body.description,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'ConsumeService', data }, context);
  }

  @CommandRoute({
    path: ':id/outputs',
    summary: 'Deliver an output (OutputDelivered); answers its outputId',
    answer: OutputAnswerDto,
  })
  deliverOutput(
    @Param() { id }: IdParams,
    @Body() body: DeliverOutputDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      description: body.description,
      offeringId: body.offeringId,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'DeliverOutput', data }, context);
  }

  @CommandRoute({
    path: ':id/outcomes',
    summary: 'Realize an outcome enabled by delivered outputs (OutcomeRealized)',
    answer: EntityAnswerDto,
  })
  realizeOutcome(
    @Param() { id }: IdParams,
    @Body() body: RealizeOutcomeDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      stakeholderRole: body.stakeholderRole,
      description: body.description,
      enabledBy: body.enabledBy,
      offeringId: body.offeringId,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'RealizeOutcome', data }, context);
  }

  @CommandRoute({
    path: ':id/costs',
    summary: 'Record a cost removed or imposed (CostRecorded)',
    answer: EntityAnswerDto,
  })
  recordCost(
    @Param() { id }: IdParams,
    @Body() body: RecordCostDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      effect: body.effect,
      amount: body.amount,
      currency: body.currency,
      description: body.description,
      offeringId: body.offeringId,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'RecordCost', data }, context);
  }

  @CommandRoute({
    path: ':id/risks',
    summary: 'Record a risk removed or imposed (RiskRecorded)',
    answer: EntityAnswerDto,
  })
  recordRisk(
    @Param() { id }: IdParams,
    @Body() body: RecordRiskDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      effect: body.effect,
      description: body.description,
      severity: body.severity,
      offeringId: body.offeringId,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'RecordRisk', data }, context);
  }

  @CommandRoute({
    path: ':id/service-levels',
    summary:
      'Record a service level measurement (ServiceLevelMeasured), judged against the warranty in force at period.start',
    answer: EntityAnswerDto,
  })
  measureServiceLevel(
    @Param() { id }: IdParams,
    @Body() body: MeasureServiceLevelDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      offeringId: body.offeringId,
      metric: body.metric,
      target: body.target,
      actual: body.actual,
      comparison: body.comparison,
      period: { start: body.period.start, end: body.period.end },
    };
    return this.send(id, { type: 'MeasureServiceLevel', data }, context);
  }

  @CommandRoute({
    path: ':id/reviews',
    summary: 'Record a stakeholder’s perceived value 1–5 (RelationshipReviewed)',
    answer: EntityAnswerDto,
  })
  review(
    @Param() { id }: IdParams,
    @Body() body: ReviewRelationshipDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = {
      stakeholderRole: body.stakeholderRole,
      valueScore: body.valueScore,
      comment: body.comment,
      offeringId: body.offeringId,
      occurredAt: body.occurredAt,
    };
    return this.send(id, { type: 'ReviewRelationship', data }, context);
  }

  @CommandRoute({
    path: ':id/retractions',
    summary:
      'Withdraw an earlier fact recorded by mistake (FactRetracted); analytics leave it out, the audit history keeps both',
  })
  retract(
    @Param() { id }: IdParams,
    @Body() body: RetractFactDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { factId: body.factId, reason: body.reason, occurredAt: body.occurredAt };
    return this.send(id, { type: 'RetractFact', data }, context);
  }

  @CommandRoute({ path: ':id/end', summary: 'End the relationship (RelationshipEnded)' })
  end(
    @Param() { id }: IdParams,
    @Body() body: EndRelationshipDto,
    @CommandMeta() context: CommandContext,
  ): Promise<CommandAnswer> {
    const data = { reason: body.reason ?? null, occurredAt: body.occurredAt };
    return this.send(id, { type: 'EndRelationship', data }, context);
  }

  private send(
    id: string | undefined,
    intent: RelationshipIntent,
    context: CommandContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ExecuteRelationshipCommand(id, intent, context));
  }
}
