import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FOUR_DIMENSIONS,
  IMPROVEMENT_CLOSURES,
  IMPROVEMENT_DIRECTIONS,
  IMPROVEMENT_STATUSES,
  VALUE_CHAIN_ACTIVITIES,
  VALUE_SOURCES,
} from '@app/domain';

/*
 * The answers of the improvement register and analytics, for the OpenAPI document. The
 * controllers return the query handlers' objects; these classes describe them field by field.
 */

export class ImprovementSubjectAnswer {
  @ApiPropertyOptional({ format: 'uuid' }) relationshipId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) offeringId?: string;
}

export class ImprovementCauseAnswer {
  @ApiProperty({ format: 'uuid', description: 'The relationship whose measurements breached' })
  relationshipId!: string;

  @ApiProperty({ type: [String], description: 'The breached measurements, in period order' })
  measurementIds!: string[];
}

const time = (description: string) =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, description });

export class ImprovementStageTimesAnswer {
  @ApiProperty({ type: String, format: 'date-time' }) proposedAt!: string;
  @time('Recorded') approvedAt!: string | null;
  @time('Recorded') rejectedAt!: string | null;
  @time('Recorded') withdrawnAt!: string | null;
  @time('Recorded, the last time it was put on hold') heldAt!: string | null;
  @time('Recorded, the last time it was resumed') resumedAt!: string | null;
  @time('When the change took effect (may be backdated)') implementedAt!: string | null;
  @time('Recorded') evaluatedAt!: string | null;
}

/** One entry of the improvement register. */
export class ImprovementEntryAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ImprovementSubjectAnswer }) subject!: ImprovementSubjectAnswer;
  @ApiProperty({ format: 'uuid', description: 'The relationship or offering id' })
  subjectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FOUR_DIMENSIONS }) dimension!: string;
  @ApiProperty({ enum: VALUE_CHAIN_ACTIVITIES }) valueChainActivity!: string;
  @ApiProperty({ example: 'availability' }) metric!: string;
  @ApiProperty({ enum: IMPROVEMENT_DIRECTIONS }) direction!: string;
  @ApiProperty({ type: Number, description: 'Where we were' }) baseline!: number;
  @ApiProperty({ enum: VALUE_SOURCES, description: 'Measured by the ledger or stated' })
  baselineSource!: string;
  @ApiProperty({ type: Number, description: 'Where we want to be' }) target!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ISO-8601 date or instant; null only for v1 proposals',
  })
  targetDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A person' }) owner!: string | null;
  @ApiProperty({ type: String, nullable: true }) objective!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Earlier improvement' })
  followsUp!: string | null;
  @ApiProperty({
    type: ImprovementCauseAnswer,
    nullable: true,
    description: 'What made the ledger propose it itself (actor system)',
  })
  cause!: ImprovementCauseAnswer | null;
  @ApiProperty({ enum: IMPROVEMENT_STATUSES }) status!: string;
  @ApiProperty({ type: Boolean, description: 'Open and past its target date, now' })
  overdue!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Where we got; null until evaluated' })
  actual!: number | null;
  @ApiProperty({ enum: VALUE_SOURCES, nullable: true }) actualSource!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'From direction, actual, target' })
  targetMet!: boolean | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(actual − baseline) / (target − baseline) · 100',
  })
  benefitRealizedPercent!: number | null;
  @ApiProperty({ enum: IMPROVEMENT_CLOSURES, nullable: true }) closure!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ description: 'Actor (`<key name>:<role>`, or `system`)' }) proposedBy!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The event that caused the proposal command (for the ledger: the measurement)',
  })
  causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) evaluatedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was rejected, withdrawn or is on hold',
  })
  reason!: string | null;
  @ApiProperty({ type: ImprovementStageTimesAnswer }) stageTimes!: ImprovementStageTimesAnswer;
}

export class ImprovementPageAnswer {
  @ApiProperty({ type: [ImprovementEntryAnswer] }) items!: ImprovementEntryAnswer[];
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number }) limit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class MeasurementPeriodAnswer {
  @ApiProperty({ type: String, format: 'date-time' }) start!: string;
  @ApiProperty({ type: String, format: 'date-time' }) end!: string;
}

export class MeasuredPeriodAnswer {
  @ApiProperty({ format: 'uuid' }) measurementId!: string;
  @ApiProperty({ format: 'uuid' }) relationshipId!: string;
  @ApiProperty({ type: MeasurementPeriodAnswer }) period!: MeasurementPeriodAnswer;
  @ApiProperty({ type: Number }) actual!: number;
}

export class ImprovementMeasurementsAnswer {
  @ApiProperty({
    type: [MeasuredPeriodAnswer],
    description: 'Periods starting before the implementation (all of them until implemented)',
  })
  before!: MeasuredPeriodAnswer[];
  @ApiProperty({
    type: [MeasuredPeriodAnswer],
    description: 'Periods starting at or after the implementation',
  })
  after!: MeasuredPeriodAnswer[];
}

export class ImprovementDetailAnswer extends ImprovementEntryAnswer {
  @ApiProperty({
    type: ImprovementMeasurementsAnswer,
    description: 'Unretracted measurements of its metric on its subject, in period order',
  })
  measurements!: ImprovementMeasurementsAnswer;
}

const counts = (keys: readonly string[], description: string) =>
  ApiProperty({
    type: 'object',
    description,
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])),
  });

export class ImprovementCycleDaysAnswer {
  @ApiProperty({ type: Number, nullable: true, description: 'Proposed → approved' })
  approval!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Approved → implemented' })
  implementation!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Implemented → evaluated' })
  evaluation!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Proposed → evaluated' })
  total!: number | null;
}

export class BenefitRealizedAnswer {
  @ApiProperty({ type: Number, nullable: true }) mean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) median!: number | null;
}

export class ImprovementMonthAnswer {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ type: Number }) proposed!: number;
  @ApiProperty({ type: Number }) evaluated!: number;
}

export class ImprovementAnalyticsAnswerDto {
  @ApiProperty({ type: Number }) total!: number;
  @counts(IMPROVEMENT_STATUSES, 'Improvements in each status') byStatus!: Record<string, number>;
  @counts(FOUR_DIMENSIONS, 'Improvements per dimension') byDimension!: Record<string, number>;
  @counts(VALUE_CHAIN_ACTIVITIES, 'Improvements per value chain activity')
  byValueChainActivity!: Record<string, number>;
  @ApiProperty({ type: Number, description: 'Open and past their target date, now' })
  overdue!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share (0–1) of evaluated improvements whose target was met',
  })
  successRate!: number | null;
  @ApiProperty({
    type: BenefitRealizedAnswer,
    description: 'Of the per-improvement benefitRealizedPercent of evaluated improvements',
  })
  benefitRealizedPercent!: BenefitRealizedAnswer;
  @ApiProperty({
    type: ImprovementCycleDaysAnswer,
    description: 'Median days between recorded steps',
  })
  cycleDays!: ImprovementCycleDaysAnswer;
  @ApiProperty({ type: [ImprovementMonthAnswer], description: 'By UTC month, oldest first' })
  monthly!: ImprovementMonthAnswer[];
}
