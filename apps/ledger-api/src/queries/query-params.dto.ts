import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { FOUR_DIMENSIONS, IMPROVEMENT_STATUSES, VALUE_CHAIN_ACTIVITIES } from '@app/domain';
import type { Dimension, ImprovementStatus, ValueChainActivity } from '@app/domain';

/** Positions are decimal strings (EventStoreDB's reach 39 digits). */
const POSITION = /^(0|[1-9][0-9]{0,39})$/;
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/** Every query: read your own write by naming the position a command answered. */
export class ConsistencyParams {
  @ApiPropertyOptional({
    description:
      'Wait (bounded, default 5 s) until every projection has processed this position; 503 if not',
    example: '42',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'minPosition must be a position (a decimal string)' })
  minPosition?: string;
}

export class PageParams extends ConsistencyParams {
  @ApiPropertyOptional({ default: DEFAULT_PAGE, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a cursor from a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Items to skip (instead of a cursor)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class OfferingListParams extends PageParams {
  @ApiPropertyOptional({ enum: ['published', 'retired'] })
  @IsOptional()
  @IsIn(['published', 'retired'])
  status?: 'published' | 'retired';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  providerId?: string;
}

export class ImprovementListParams extends PageParams {
  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementStatus;

  @ApiPropertyOptional({ enum: FOUR_DIMENSIONS })
  @IsOptional()
  @IsIn(FOUR_DIMENSIONS)
  dimension?: Dimension;

  @ApiPropertyOptional({ enum: VALUE_CHAIN_ACTIVITIES })
  @IsOptional()
  @IsIn(VALUE_CHAIN_ACTIVITIES)
  valueChainActivity?: ValueChainActivity;

  @ApiPropertyOptional({ description: 'The relationship or offering improved', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class TrendParams extends ConsistencyParams {
  @ApiPropertyOptional({ description: 'First month (YYYY-MM), inclusive', example: '2026-01' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month as YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last month (YYYY-MM), inclusive', example: '2026-12' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month as YYYY-MM' })
  to?: string;
}
