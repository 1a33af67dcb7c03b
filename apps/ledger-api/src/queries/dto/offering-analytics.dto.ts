import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { CostTotalsDto, RiskTotalsDto } from './amounts.dto';
import { METRIC_MAP, MetricSummaryDto, ROLE_MAP, RoleScoreDto } from './service-level.dto';

/** An offering's analytics across every relationship that provisions it, net of retractions. */
@ApiExtraModels(MetricSummaryDto, RoleScoreDto)
export class OfferingAnalyticsDto {
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() provisions!: number;
  @ApiProperty() deprovisions!: number;
  @ApiProperty() consumptions!: number;
  @ApiProperty() outputs!: number;
  @ApiProperty() outcomes!: number;
  @ApiProperty({ type: CostTotalsDto }) costs!: CostTotalsDto;
  @ApiProperty({ type: RiskTotalsDto }) risks!: RiskTotalsDto;
  @ApiProperty({
    ...METRIC_MAP,
    description:
      'Per warranty metric in force (measured or not) and any other metric measured; target, comparison and unit of the warranty in force now',
  })
  serviceLevels!: Record<string, MetricSummaryDto>;
  @ApiProperty() reviews!: number;
  @ApiProperty({ type: Number, nullable: true, description: '2 decimals' })
  averageValueScore!: number | null;
  @ApiProperty({ ...ROLE_MAP, description: 'Value score per stakeholder role' })
  valueScore!: Record<string, RoleScoreDto>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstProvisionedAt!: string | null;
}

/** One occurrence month (UTC) of an offering's trend. */
@ApiExtraModels(MetricSummaryDto, RoleScoreDto)
export class OfferingTrendMonthDto {
  @ApiProperty({
    example: '2025-03',
    description: 'YYYY-MM of occurredAt (measurements: period.start)',
  })
  month!: string;
  @ApiProperty({
    ...METRIC_MAP,
    description: 'Per metric measured; target: the one its latest period was judged against',
  })
  serviceLevels!: Record<string, MetricSummaryDto>;
  @ApiProperty({ ...ROLE_MAP, description: 'Value score per stakeholder role' })
  valueScore!: Record<string, RoleScoreDto>;
  @ApiProperty({ type: CostTotalsDto }) costs!: CostTotalsDto;
  @ApiProperty({ type: RiskTotalsDto }) risks!: RiskTotalsDto;
  @ApiProperty() consumptions!: number;
  @ApiProperty() outputs!: number;
  @ApiProperty() outcomes!: number;
}

export class OfferingTrendDto {
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({
    type: [OfferingTrendMonthDto],
    description: 'Oldest first; months with no (unretracted) fact are left out',
  })
  months!: OfferingTrendMonthDto[];
}
