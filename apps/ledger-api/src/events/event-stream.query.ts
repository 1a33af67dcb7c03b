import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Positions are decimal strings (EventStoreDB's reach 39 digits). */
export const POSITION = /^(0|[1-9][0-9]{0,39})$/;

export class EventStreamQuery {
  @ApiPropertyOptional({
    description:
      'Stream the events AFTER this position (exclusive; 0: from the first event); ' +
      'default: only events recorded from now on. A Last-Event-ID header wins over it.',
    example: '0',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'fromPosition must be a position (a decimal string)' })
  fromPosition?: string;
}
