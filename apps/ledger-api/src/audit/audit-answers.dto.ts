import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAIN_FAILURE_REASONS } from '@app/event-store';

/*
 * The audit routes' answers for the OpenAPI document (the routes answer the ledger's own
 * types; these classes describe them field by field).
 */

export class AuditEventMetadataDto {
  @ApiPropertyOptional({ type: String, description: 'Who: `<keyName>:<role>`, or `system`' })
  actor?: string;
  @ApiPropertyOptional({ type: String, description: 'X-Correlation-Id of the request' })
  correlationId?: string;
  @ApiPropertyOptional({ type: String, description: 'What caused it (a command or an event)' })
  causationId?: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was recorded (UTC)' })
  recordedAt!: string;
}

export class AuditEventDto {
  @ApiProperty({ type: String, example: 'relationship-7d0f…' }) streamId!: string;
  @ApiProperty({ type: Number, description: '0-based revision in its stream' }) revision!: number;
  @ApiProperty({ type: String, description: 'Global position in the log, a decimal string' })
  position!: string;
  @ApiProperty({ type: String, format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: String, example: 'OutputDelivered' }) type!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data, as recorded (its shape depends on `type`)",
  })
  data!: Record<string, unknown>;
  @ApiProperty({ type: AuditEventMetadataDto }) metadata!: AuditEventMetadataDto;
  @ApiProperty({ type: String, description: 'Hash of the previous event of the stream (hex)' })
  previousHash!: string;
  @ApiProperty({ type: String, description: 'SHA-256 of this event (hex), see docs/integrity.md' })
  hash!: string;
}

export class HistoryEventDto extends AuditEventDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The event's leaf in the Merkle log (null where the store keeps none)",
  })
  leafIndex!: number | null;
}

export class StreamHistoryAnswerDto {
  @ApiProperty({ type: String }) streamId!: string;
  @ApiProperty({ type: [HistoryEventDto] }) events!: HistoryEventDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'fromRevision of the next page; null on the last page',
  })
  nextRevision!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Link to the next page, or null' })
  next!: string | null;
}

export class ChainFailureDto {
  @ApiProperty({ type: String }) streamId!: string;
  @ApiProperty({ type: Number }) revision!: number;
  @ApiProperty({ enum: CHAIN_FAILURE_REASONS }) reason!: string;
  @ApiProperty({ type: String, description: 'What was expected and what was found' })
  detail!: string;
}

export class VerificationReportDto {
  @ApiProperty({ type: Boolean }) valid!: boolean;
  @ApiProperty({ type: Number }) eventsChecked!: number;
  @ApiProperty({ type: Number }) streamsChecked!: number;
  @ApiProperty({ type: [ChainFailureDto] }) failures!: ChainFailureDto[];
  @ApiProperty({ type: Boolean, description: 'More failures were found than listed' })
  failuresTruncated!: boolean;
}

export class ReplayIntegrityDto {
  @ApiProperty({ type: Boolean }) valid!: boolean;
  @ApiProperty({ type: [ChainFailureDto] }) failures!: ChainFailureDto[];
}

export class RelationshipReplayAnswerDto {
  @ApiProperty({ type: String, format: 'uuid' }) relationshipId!: string;
  @ApiProperty({ type: String }) streamId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) asOf!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The last revision folded; null when no event was recorded by then',
  })
  revision!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The relationship's state folded from `events`: parties, stakeholders, provisions, facts (each with its occurredAt), status",
  })
  state!: Record<string, unknown>;
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty({ type: ReplayIntegrityDto }) integrity!: ReplayIntegrityDto;
}
