import { ApiProperty } from '@nestjs/swagger';
import { STAKEHOLDER_ROLES } from '@app/domain';
import type { StakeholderRole } from '@app/domain';
import { CostTotalsDto, RiskTotalsDto } from './amounts.dto';

export class PartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null if not registered (yet)' })
  name!: string | null;
}

export class StakeholderDto {
  @ApiProperty({ format: 'uuid' }) stakeholderId!: string;
  @ApiProperty({ enum: STAKEHOLDER_ROLES }) role!: StakeholderRole;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class ProvisionDto {
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ format: 'date-time' }) provisionedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deprovisionedAt!: string | null;
}

export class RelationshipCountsDto {
  @ApiProperty() provisions!: number;
  @ApiProperty() deprovisions!: number;
  @ApiProperty() consumptions!: number;
  @ApiProperty() outputs!: number;
  @ApiProperty() outcomes!: number;
  @ApiProperty() costs!: number;
  @ApiProperty() risks!: number;
  @ApiProperty() measurements!: number;
  @ApiProperty() breaches!: number;
  @ApiProperty() reviews!: number;
  @ApiProperty({ description: 'Facts withdrawn (every count above is net of them)' })
  retractions!: number;
}

/** A relationship summary: every count and total net of retracted facts. */
export class RelationshipSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) consumerId!: string;
  @ApiProperty({ type: PartyDto }) provider!: PartyDto;
  @ApiProperty({ type: PartyDto }) consumer!: PartyDto;
  @ApiProperty({ enum: ['active', 'ended'] }) status!: 'active' | 'ended';
  @ApiProperty({ type: [StakeholderDto], description: 'Assigned and not retracted' })
  stakeholders!: StakeholderDto[];
  @ApiProperty({ type: [ProvisionDto], description: 'Every provisioning, deprovisioned included' })
  provisions!: ProvisionDto[];
  @ApiProperty({ type: [String], description: 'Offerings ever provisioned here' })
  offerings!: string[];
  @ApiProperty({ type: RelationshipCountsDto }) counts!: RelationshipCountsDto;
  @ApiProperty({ description: 'Breached measurements (as counts.breaches)' }) breaches!: number;
  @ApiProperty({ type: CostTotalsDto }) costs!: CostTotalsDto;
  @ApiProperty({ type: RiskTotalsDto }) risks!: RiskTotalsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean review score, 2 decimals' })
  averageValueScore!: number | null;
  @ApiProperty({ format: 'date-time', description: 'When it was established (occurredAt)' })
  establishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When its last event was recorded' })
  lastRecordedAt!: string;
}

export class RelationshipPageDto {
  @ApiProperty({ type: [RelationshipSummaryDto] }) items!: RelationshipSummaryDto[];
  @ApiProperty({ description: 'Relationships matching the filters' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` (with the same sort) for the next page; null on the last',
  })
  nextCursor!: string | null;
}
