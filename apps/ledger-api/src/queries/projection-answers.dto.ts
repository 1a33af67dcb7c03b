import { ApiProperty } from '@nestjs/swagger';

/* The admin projection routes' answers for the OpenAPI document (ProjectionReport and friends). */

export class ProjectionFailureDto {
  @ApiProperty({ type: String, description: 'Position of the event it stopped at' })
  position!: string;
  @ApiProperty({ type: String, format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: String }) type!: string;
  @ApiProperty({ type: String }) error!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class ProjectionRetryDto {
  @ApiProperty({ type: String, description: 'Why the read models cannot be written now' })
  reason!: string;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: String, format: 'date-time' }) since!: string;
}

export class RebuildProgressDto {
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ type: Number }) generation!: number;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ type: Number }) eventsApplied!: number;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class ProjectionReportDto {
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: Number }) generation!: number;
  @ApiProperty({ enum: ['catching-up', 'live', 'retrying', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Last position processed' })
  checkpoint!: string | null;
  @ApiProperty({ type: Number }) eventsApplied!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Events behind the head of the log; null while the store is unreachable',
  })
  lag!: string | null;
  @ApiProperty({
    type: ProjectionFailureDto,
    nullable: true,
    description:
      'Why it stopped (the event and the error message, no stack); with LEDGER_PROJECTIONS=off, ' +
      'as the projector process recorded it in the read models',
  })
  failure!: ProjectionFailureDto | null;
  @ApiProperty({
    type: ProjectionRetryDto,
    nullable: true,
    description: 'Status retrying: why, how often and since when the batch is tried again',
  })
  retrying!: ProjectionRetryDto | null;
  @ApiProperty({ type: RebuildProgressDto, nullable: true }) rebuild!: RebuildProgressDto | null;
}

export class ProjectionListAnswerDto {
  @ApiProperty({ type: [ProjectionReportDto] }) projections!: ProjectionReportDto[];
}

export class RebuildAnswerDto {
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: RebuildProgressDto }) rebuild!: RebuildProgressDto;
}
