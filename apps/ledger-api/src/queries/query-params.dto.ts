import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { RELATIONSHIP_SORTS } from '@app/projections';
import type { RelationshipSort } from '@app/projections';

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

/** Lists paged by cursor only. */
export class CursorPageParams extends ConsistencyParams {
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
}

/** Lists paged by cursor or by offset. */
export class PageParams extends CursorPageParams {
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

export class RelationshipListParams extends CursorPageParams {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consumerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Relationships that provision (or provisioned) this offering',
  })
  @IsOptional()
  @IsUUID()
  offeringId?: string;

  @ApiPropertyOptional({ enum: ['active', 'ended'] })
  @IsOptional()
  @IsIn(['active', 'ended'])
  status?: 'active' | 'ended';

  @ApiPropertyOptional({
    enum: RELATIONSHIP_SORTS,
    description:
      'breaches / -breaches: breached measurements; valueScore / -valueScore: mean review score (unreviewed last); recent: newest established first. Ties and the default order: by id',
  })
  @IsOptional()
  @IsIn(RELATIONSHIP_SORTS)
  sort?: RelationshipSort;
}

/** Text without control characters other than tab (as SPEC asks of every text field). */
// eslint-disable-next-line no-control-regex -- the point is to match them
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000a-\u001f\u007f]*$/;

export class OrganizationListParams extends CursorPageParams {
  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive', maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  q?: string;
}
