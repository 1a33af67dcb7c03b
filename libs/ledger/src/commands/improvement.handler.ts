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
import { ID_SOURCE, IdSource } from '../ids/id-source';
import { AggregateReader } from './aggregate-reader';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIds } from './command-ids';
import { CommandPipeline } from './command-pipeline';
import { ExecuteImprovementCommand, ImprovementIntent } from './improvement.command';
import { SubjectMeasurements } from './subject-measurements';

@CommandHandler(ExecuteImprovementCommand)
export class ImprovementCommandHandler implements ICommandHandler<ExecuteImprovementCommand> {
  constructor(
    private readonly commands: CommandPipeline,
    @Inject(ID_SOURCE) private readonly idSource: IdSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly measurements: SubjectMeasurements,
  ) {}

  async execute({
    improvementId,
    intent,
    context,
  }: ExecuteImprovementCommand): Promise<CommandAnswer> {
    const ids = new CommandIds(context, this.idSource);
    const id = improvementId ?? ids.id('aggregate');
    return this.commands.execute({
      decider: improvementDecider,
      aggregateId: id,
      streamId: streamIdOf('improvement', id),
      context,
      ids,
      creates: intent.type === 'ProposeImprovement',
      decide: async (state, streams) => {
        if (intent.type === 'ProposeImprovement' && state.status === 'unproposed') {
          await checkProposal(intent.data, streams);
        }
        const command = this.complete(id, intent, context);
        const measured = await this.withMeasurements(command, state, streams);
        return improvementDecider.decide(measured, state);
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
    streams: AggregateReader,
  ): Promise<ImprovementCommand> {
    if (command.type === 'ProposeImprovement' && command.data.baseline == null) {
      const { subject, metric } = command.data;
      return {
        ...command,
        data: { ...command.data, measured: await this.measurements.of(subject, metric, streams) },
      };
    }
    if (
      command.type === 'EvaluateImprovement' &&
      command.data.actual == null &&
      state.status === 'implemented'
    ) {
      const measured = await this.measurements.of(state.subject, state.metric, streams);
      return { ...command, data: { ...command.data, measured } };
    }
    return command;
  }
}

/** Cross-aggregate rules: the subject exists and is open; a follow-up names an improvement. */
async function checkProposal(
  data: { subject: ImprovementSubject; followsUp?: string | null },
  streams: AggregateReader,
): Promise<void> {
  ensureImprovementSubjectOpen(data.subject, await subjectState(data.subject, streams));
  if (data.followsUp) {
    const followed = streamIdOf('improvement', data.followsUp);
    ensureFollowsUpExists(data.followsUp, await streams.state(followed, improvementDecider));
  }
}

async function subjectState(
  subject: ImprovementSubject,
  streams: AggregateReader,
): Promise<ImprovementSubjectState> {
  const streamId = improvementSubjectStreamId(subject);
  return 'relationshipId' in subject
    ? { kind: 'relationship', state: await streams.state(streamId, relationshipDecider) }
    : { kind: 'offering', state: await streams.state(streamId, offeringDecider) };
}
