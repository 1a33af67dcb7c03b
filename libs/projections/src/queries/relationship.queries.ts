import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from '../projections/relationship-summary.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { average } from './page';

export type RelationshipSummaryAnswer = Omit<RelationshipSummary, 'valueScores'> & {
  averageValueScore: number | null;
};

export class GetRelationshipSummary extends Query<RelationshipSummaryAnswer> {
  constructor(readonly relationshipId: string) {
    super();
  }
}

@QueryHandler(GetRelationshipSummary)
export class GetRelationshipSummaryHandler implements IQueryHandler<GetRelationshipSummary> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ relationshipId }: GetRelationshipSummary): Promise<RelationshipSummaryAnswer> {
    const summary = this.readModels.get<RelationshipSummary>(
      RelationshipSummaryProjection.NAME,
      'relationships',
      relationshipId,
    );
    if (!summary) throw new NotFound('relationship', relationshipId);
    const { valueScores, ...rest } = summary;
    return { ...rest, averageValueScore: average(valueScores.total, valueScores.count) };
  }
}
