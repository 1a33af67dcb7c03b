import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { FOUR_DIMENSIONS, IMPROVEMENT_STATUSES, VALUE_CHAIN_ACTIVITIES } from '@app/domain';
import type { Dimension, ImprovementStatus, ValueChainActivity } from '@app/domain';
import { PageParams } from './query-params.dto';

/** Filters of the improvement register; all of them together (and). */
export class ImprovementListParams extends PageParams {
  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementStatus;

  @ApiPropertyOptional({ description: 'The owner, exactly as proposed', maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ description: 'The relationship or offering improved', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({
    description:
      'About this offering, or about a relationship that provisions (or once provisioned) it',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  offeringId?: string;

  @ApiPropertyOptional({
    description: 'Only open improvements whose target date has passed, as of now',
    enum: ['true'],
  })
  @IsOptional()
  @IsIn(['true'], { message: 'overdue must be true (leave it out for all)' })
  overdue?: 'true';

  @ApiPropertyOptional({ enum: FOUR_DIMENSIONS })
  @IsOptional()
  @IsIn(FOUR_DIMENSIONS)
  dimension?: Dimension;

  @ApiPropertyOptional({ enum: VALUE_CHAIN_ACTIVITIES })
  @IsOptional()
  @IsIn(VALUE_CHAIN_ACTIVITIES)
  valueChainActivity?: ValueChainActivity;
}
