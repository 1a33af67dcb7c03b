import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from '../projections/relationship-summary.projection';
import { CostsByEffect, withNet } from '../projections/money-by-currency';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';

/** The summary as answered: costs with their net; the running totals behind the mean stay inside. */
export type RelationshipSummaryAnswer = Omit<RelationshipSummary, 'valueScores' | 'costs'> & {
  costs: CostsByEffect;
};

export function toRelationshipAnswer(summary: RelationshipSummary): RelationshipSummaryAnswer {
  const { valueScores: _scores, costs, ...answer } = summary;
  return { ...answer, costs: withNet(costs) };
}

export class GetRelationshipSummary extends Query<RelationshipSummaryAnswer> {
  constructor(readonly relationshipId: string) {
    super();
  }
}

@QueryHandler(GetRelationshipSummary)
export class GetRelationshipSummaryHandler implements IQueryHandler<GetRelationshipSummary> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ relationshipId }: GetRelationshipSummary): Promise<RelationshipSummaryAnswer> {
    const summary = await this.readModels.get<RelationshipSummary>(
      RelationshipSummaryProjection.NAME,
      'relationships',
      relationshipId,
    );
    if (!summary) throw new NotFound('relationship', relationshipId);
    return toRelationshipAnswer(summary);
  }
}
