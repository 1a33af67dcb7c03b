import { ApiProperty } from '@nestjs/swagger';
import { TARGET_COMPARISONS } from '@app/domain';
import type { TargetComparison } from '@app/domain';

/** One agreed service level of a warranty. */
export class ServiceLevelDto {
  @ApiProperty({ example: 'availability' }) metric!: string;
  @ApiProperty({ example: 99.5 }) target!: number;
  @ApiProperty({ enum: TARGET_COMPARISONS }) comparison!: TargetComparison;
  @ApiProperty({ example: 'percent' }) unit!: string;
}

export class WarrantyDto {
  @ApiProperty({ type: [ServiceLevelDto] }) serviceLevels!: ServiceLevelDto[];
}

/** A warranty as one publication or revision stated it. */
export class WarrantyRevisionDto extends WarrantyDto {
  @ApiProperty({ format: 'date-time', description: 'When it takes effect' })
  effectiveFrom!: string;
}

/** A warranty metric over a range: measurements, breaches and the values achieved. */
export class MetricSummaryDto {
  @ApiProperty() measurements!: number;
  @ApiProperty() breaches!: number;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ enum: TARGET_COMPARISONS }) comparison!: TargetComparison;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean actual, 4 decimals' })
  mean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) min!: number | null;
  @ApiProperty({ type: Number, nullable: true }) max!: number | null;
}

export class RoleScoreDto {
  @ApiProperty() reviews!: number;
  @ApiProperty({ description: 'Mean value score 1–5, 2 decimals' }) mean!: number;
}

/** `{ "<metric>": MetricSummary }` */
export const METRIC_MAP = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/MetricSummaryDto' },
} as const;

/** `{ "<role>": RoleScore }` for the roles reviewed (customer, user, sponsor). */
export const ROLE_MAP = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/RoleScoreDto' },
} as const;
