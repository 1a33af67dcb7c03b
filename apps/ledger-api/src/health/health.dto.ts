import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One indicator of a health answer (terminus shape): its status plus what it measured. */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why it is down' })
  message?: string;
}

/** The answer of /health, /health/live and /health/ready (the @nestjs/terminus shape). */
export class HealthAnswerDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
    description: 'Indicators that are up, by name',
  })
  info?: Record<string, HealthIndicatorDto>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
    description: 'Indicators that are down, by name, each with its reason in `message`',
  })
  error?: Record<string, HealthIndicatorDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
    description:
      'Every indicator: `store` (kind, reachable), `disk` (freeBytes), `projections` (name, status, checkpoint, lag of each), `lag` (maxLag, lag)',
  })
  details!: Record<string, HealthIndicatorDto>;
}
