import { ApiProperty } from '@nestjs/swagger';
import type { JsonObject } from '@app/event-store';
import type { Retraction, TimelineFact } from './relationship-timeline';

export class RetractionDto implements Retraction {
  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ann:analyst' })
  actor!: string | null;
}

export class TimelineFactDto implements TimelineFact {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The fact's own id (costId, riskId, …) that a retraction names; null for others",
  })
  factId!: string | null;

  @ApiProperty({ example: 'CostRecorded' })
  type!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When it happened (what the timeline is ordered by)',
  })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the ledger recorded it' })
  recordedAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who recorded it',
    example: 'crm:service',
  })
  actor!: string | null;

  @ApiProperty({ description: 'Global position in the log (a decimal string)' })
  position!: string;

  @ApiProperty({ description: 'Revision in the relationship stream' })
  revision!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data as recorded",
  })
  data!: JsonObject;

  @ApiProperty({
    type: RetractionDto,
    nullable: true,
    description: 'Set when a later fact retracted it',
  })
  retracted!: RetractionDto | null;
}

export class RelationshipTimelineDto {
  @ApiProperty()
  relationshipId!: string;

  @ApiProperty({ type: [TimelineFactDto] })
  facts!: TimelineFactDto[];
}
