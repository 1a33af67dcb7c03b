import { ApiProperty } from '@nestjs/swagger';
import { RISK_SEVERITIES } from '@app/domain';

/** `{ "EUR": "1250.5" }`: exact decimal strings by ISO 4217 currency. */
const AMOUNTS = {
  type: 'object',
  additionalProperties: { type: 'string', example: '1250.5' },
  example: { EUR: '1250.5' },
} as const;

/** Costs removed from and imposed on the consumer, and removed − imposed, per currency. */
export class CostTotalsDto {
  @ApiProperty({ ...AMOUNTS, description: 'Costs the service removed from the consumer' })
  removed!: Record<string, string>;

  @ApiProperty({ ...AMOUNTS, description: 'Costs the service imposed on the consumer' })
  imposed!: Record<string, string>;

  @ApiProperty({
    ...AMOUNTS,
    description: 'removed − imposed per currency (negative when the service costs more)',
  })
  net!: Record<string, string>;
}

export class SeverityCountsDto {
  @ApiProperty() low!: number;
  @ApiProperty() medium!: number;
  @ApiProperty() high!: number;
  @ApiProperty() critical!: number;
}

/** Risks removed and imposed, counted by severity. */
export class RiskTotalsDto {
  @ApiProperty({
    type: SeverityCountsDto,
    description: `by severity: ${RISK_SEVERITIES.join(', ')}`,
  })
  removed!: SeverityCountsDto;

  @ApiProperty({ type: SeverityCountsDto })
  imposed!: SeverityCountsDto;
}
