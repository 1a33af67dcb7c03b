import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_HISTORY_PAGE } from '@app/ledger';
import { IsIsoInstant } from './is-iso-instant.decorator';

/** Positions are decimal strings (EventStoreDB's reach 39 digits). */
const POSITION = /^(0|[1-9][0-9]{0,39})$/;

export class StreamHistoryQuery {
  @ApiPropertyOptional({ description: 'First revision to list (inclusive)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ description: 'Events per page', default: 100, maximum: MAX_HISTORY_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;
}

export class RelationshipStateQuery {
  @ApiPropertyOptional({
    description: 'Replay the events recorded up to this instant (inclusive)',
    example: '2026-01-31T12:00:00Z',
  })
  @IsOptional()
  @IsString()
  @IsIsoInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Replay the events up to this revision (inclusive)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'Check one stream; default: the whole log' })
  @IsOptional()
  @IsString()
  streamId?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({
    description: 'Export the events AFTER this position (exclusive); default: from the start',
    example: '0',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'fromPosition must be a position (a decimal string)' })
  fromPosition?: string;
}
