import { ApiProperty } from '@nestjs/swagger';
import { StreamedEvent } from './streamed-event';

/** The `data:` of one message of `GET /v1/events/stream` (its `id:` is the position). */
export class StreamedEventDto implements StreamedEvent {
  @ApiProperty({ description: 'Global position in the log (a decimal string)', example: '42' })
  position!: string;

  @ApiProperty({ example: 'relationship-0b6f1e1c-2f4e-4f57-9c1a-5d1f7e3b8a90' })
  streamId!: string;

  @ApiProperty({ example: 'ServiceLevelMeasured' })
  type!: string;

  @ApiProperty({
    description:
      "When the fact happened: the event's occurredAt, a measurement's period start, an " +
      "offering's effectiveFrom, else when it was recorded",
    format: 'date-time',
  })
  occurredAt!: string;

  @ApiProperty({ description: 'When the ledger recorded it', format: 'date-time' })
  recordedAt!: string;
}
