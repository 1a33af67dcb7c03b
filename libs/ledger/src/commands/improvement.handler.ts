import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ensureImprovementSubjectOpen,
  ImprovementCommand,
  improvementDecider,
  ImprovementSubject,
  ImprovementSubjectState,
  improvementSubjectStreamId,
  offeringDecider,
  relationshipDecider,
  streamIdOf,
} from '@app/domain';
import { AggregateRepository } from './aggregate-repository';
import { CommandAnswer } from './command-answer';
import { ExecuteImprovementCommand } from './improvement.command';

@CommandHandler(ExecuteImprovementCommand)
export class ImprovementCommandHandler implements ICommandHandler<ExecuteImprovementCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({
    improvementId,
    intent,
    context,
  }: ExecuteImprovementCommand): Promise<CommandAnswer> {
    const ids = this.repository.idsFor(context);
    const id = improvementId ?? ids.id('aggregate');
    const command = {
      type: intent.type,
      data: { ...intent.data, improvementId: id },
    } as ImprovementCommand;
    return this.repository.execute({
      decider: improvementDecider,
      aggregateId: id,
      streamId: streamIdOf('improvement', id),
      context,
      ids,
      creates: command.type === 'ProposeImprovement',
      decide: async (state) => {
        const events = improvementDecider.decide(command, state);
        if (command.type === 'ProposeImprovement') {
          // Cross-aggregate: the subject exists and is neither ended nor retired.
          const { subject } = command.data;
          ensureImprovementSubjectOpen(subject, await this.loadSubject(subject));
        }
        return events;
      },
    });
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
