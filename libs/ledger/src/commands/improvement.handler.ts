import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  assertNever,
  ensureFollowsUpExists,
  ensureImprovementSubjectOpen,
  ImprovementCommand,
  improvementDecider,
  ImprovementState,
  ImprovementSubject,
  ImprovementSubjectState,
  improvementSubjectStreamId,
  offeringDecider,
  relationshipDecider,
  streamIdOf,
} from '@app/domain';
import { CLOCK, Clock } from '../clock';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { ExecuteImprovementCommand, ImprovementIntent } from './improvement.command';
import { SubjectMeasurements } from './subject-measurements';

@CommandHandler(ExecuteImprovementCommand)
export class ImprovementCommandHandler implements ICommandHandler<ExecuteImprovementCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly measurements: SubjectMeasurements,
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
        data: { ...command.data, measured: await this.measurements.of(subject, metric) },
      };
    }
    if (
      command.type === 'EvaluateImprovement' &&
      command.data.actual == null &&
      state.status === 'implemented'
    ) {
      const measured = await this.measurements.of(state.subject, state.metric);
      return { ...command, data: { ...command.data, measured } };
    }
    return command;
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
