import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  assertNever,
  ensureFollowsUpExists,
  ensureImprovementSubjectOpen,
  ImprovementCommand,
  improvementDecider,
  MeasuredPeriod,
  ImprovementState,
  ImprovementSubject,
  ImprovementSubjectState,
  improvementSubjectStreamId,
  offeringDecider,
  relationshipDecider,
  RuleViolated,
  streamIdOf,
  warrantyMetrics,
} from '@app/domain';
import { CLOCK, Clock } from '../clock';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { ExecuteImprovementCommand, ImprovementIntent } from './improvement.command';
import { MEASURED_PERIODS, MeasuredPeriodsReader } from './measured-periods.port';

@CommandHandler(ExecuteImprovementCommand)
export class ImprovementCommandHandler implements ICommandHandler<ExecuteImprovementCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional()
    @Inject(MEASURED_PERIODS)
    private readonly measurements: MeasuredPeriodsReader | null = null,
  ) {}

  async execute({
    improvementId,
    intent,
    context,
  }: ExecuteImprovementCommand): Promise<CommandAnswer> {
    const ids = this.repository.idsFor(context);
    const id = improvementId ?? ids.id('aggregate');
    return this.repository.execute({
      decider: improvementDecider,
      aggregateId: id,
      streamId: streamIdOf('improvement', id),
      context,
      ids,
      creates: intent.type === 'ProposeImprovement',
      decide: async (state) => {
        if (intent.type === 'ProposeImprovement' && state.status === 'unproposed') {
          await this.checkProposal(intent.data);
        }
        const command = this.complete(id, intent, context);
        return improvementDecider.decide(await this.withMeasurements(command, state), state);
      },
    });
  }

  /** The domain command: the caller's intent plus the id, the actor and the clock's time. */
  private complete(
    improvementId: string,
    intent: ImprovementIntent,
    context: CommandContext,
  ): ImprovementCommand {
    const now = this.clock.now().toISOString();
    switch (intent.type) {
      case 'ProposeImprovement':
        return {
          type: intent.type,
          data: { ...intent.data, improvementId, proposedBy: context.actor, proposedAt: now },
        };
      case 'ApproveImprovement':
      case 'RejectImprovement':
        return { type: intent.type, data: { ...intent.data, improvementId, actor: context.actor } };
      case 'ImplementImprovement':
        return {
          type: intent.type,
          data: { improvementId, implementedAt: intent.data.implementedAt ?? now },
        };
      case 'WithdrawImprovement':
      case 'PutImprovementOnHold':
        return { type: intent.type, data: { ...intent.data, improvementId } };
      case 'ResumeImprovement':
        return { type: intent.type, data: { improvementId } };
      case 'EvaluateImprovement':
        return { type: intent.type, data: { ...intent.data, improvementId } };
      default:
        return assertNever(intent, 'improvement intent');
    }
  }

  /**
   * A baseline or actual left out is measured: the command then carries the subject's measured
   * periods of the metric (null when the metric is not a warranty metric of the subject).
   */
  private async withMeasurements(
    command: ImprovementCommand,
    state: ImprovementState,
  ): Promise<ImprovementCommand> {
    if (command.type === 'ProposeImprovement' && command.data.baseline == null) {
      const { subject, metric } = command.data;
      return {
        ...command,
        data: { ...command.data, measured: await this.measured(subject, metric) },
      };
    }
    if (
      command.type === 'EvaluateImprovement' &&
      command.data.actual == null &&
      state.status === 'implemented'
    ) {
      const measured = await this.measured(state.subject, state.metric);
      return { ...command, data: { ...command.data, measured } };
    }
    return command;
  }

  private async measured(
    subject: ImprovementSubject,
    metric: string,
  ): Promise<MeasuredPeriod[] | null> {
    if (!(await this.warrantyMetricsOf(subject)).includes(metric)) return null;
    if (this.measurements === null) {
      throw new RuleViolated(
        'measurements-unavailable',
        'this process reads no measurements (no read models): give the value',
      );
    }
    return this.measurements.read(subject, metric);
  }

  /** The warranty metrics of the subject: an offering's, or those of a relationship's offerings. */
  private async warrantyMetricsOf(subject: ImprovementSubject): Promise<string[]> {
    const offeringIds =
      'offeringId' in subject
        ? [subject.offeringId]
        : await this.provisionedOfferings(subject.relationshipId);
    const metrics: string[] = [];
    for (const offeringId of offeringIds) {
      const { state } = await this.repository.load(
        streamIdOf('offering', offeringId),
        offeringDecider,
      );
      metrics.push(...warrantyMetrics(state));
    }
    return metrics;
  }

  private async provisionedOfferings(relationshipId: string): Promise<readonly string[]> {
    const streamId = streamIdOf('relationship', relationshipId);
    const { state } = await this.repository.load(streamId, relationshipDecider);
    return state.status === 'unestablished' ? [] : [...state.provisionedOfferingIds.values()];
  }

  /** Cross-aggregate rules: the subject exists and is open; a follow-up names an improvement. */
  private async checkProposal(data: {
    subject: ImprovementSubject;
    followsUp?: string | null;
  }): Promise<void> {
    ensureImprovementSubjectOpen(data.subject, await this.loadSubject(data.subject));
    if (data.followsUp) {
      ensureFollowsUpExists(data.followsUp, await this.loadImprovement(data.followsUp));
    }
  }

  private async loadImprovement(improvementId: string): Promise<ImprovementState> {
    const streamId = streamIdOf('improvement', improvementId);
    return (await this.repository.load(streamId, improvementDecider)).state;
  }

  private async loadSubject(subject: ImprovementSubject): Promise<ImprovementSubjectState> {
    const streamId = improvementSubjectStreamId(subject);
    return 'relationshipId' in subject
      ? {
          kind: 'relationship',
          state: (await this.repository.load(streamId, relationshipDecider)).state,
        }
      : { kind: 'offering', state: (await this.repository.load(streamId, offeringDecider)).state };
  }
}
