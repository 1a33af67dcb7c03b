import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  EFFECTS,
  Effect,
  RISK_SEVERITIES,
  RiskSeverity,
  STAKEHOLDER_ROLES,
  StakeholderRole,
  TARGET_COMPARISONS,
  TargetComparison,
} from '@app/domain';
import { ISO_4217_CURRENCIES } from '@app/domain';
import {
  FiniteNumber,
  IsoInstant,
  MAX_LIST,
  MAX_NAME,
  NotBefore,
  OccurredAt,
  OneOf,
  OptionalText,
  OptionalUuid,
  PositiveAmount,
  Text,
  Uuid,
} from './field-decorators';

const OFFERING_ATTRIBUTION =
  'Offering the fact belongs to (provisioned here); default: the only provisioned one, if exactly one';

export class EstablishRelationshipDto {
  @OptionalUuid('Client-chosen id (the create is then idempotent); the server makes one if absent')
  id?: string;

  @Uuid('Provider organization (registered)')
  providerId!: string;

  @Uuid('Consumer organization (registered, not the provider)')
  consumerId!: string;

  @OccurredAt()
  occurredAt?: string;
}

export class AssignStakeholderDto {
  @OneOf(STAKEHOLDER_ROLES, 'Customer defines requirements, user uses, sponsor authorizes budget')
  role!: StakeholderRole;

  @Text('Name of the person or group', MAX_NAME, 'Dana (CFO)')
  name!: string;

  @OccurredAt()
  occurredAt?: string;
}

export class ProvisionServiceDto {
  @Uuid('A published, not retired offering of this relationship’s provider')
  offeringId!: string;

  @OccurredAt()
  occurredAt?: string;
}

export class ConsumeServiceDto {
  @Uuid('An offering provisioned in this relationship')
  offeringId!: string;

  @Text('What was consumed', undefined, '1,200 database hours')
  description!: string;

  @OccurredAt()
  occurredAt?: string;
}

export class DeliverOutputDto {
  @Text('The deliverable', undefined, 'monthly capacity report')
  description!: string;

  @OptionalUuid(OFFERING_ATTRIBUTION)
  offeringId?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class RealizeOutcomeDto {
  @OneOf(STAKEHOLDER_ROLES, 'The stakeholder role the outcome is for (assigned here)')
  stakeholderRole!: StakeholderRole;

  @Text('The result for the stakeholder', undefined, 'faster month-end close')
  description!: string;

  @ApiProperty({
    description: 'Outputs (delivered in this relationship) that enabled it',
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_LIST,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID(undefined, { each: true })
  enabledBy!: string[];

  @OptionalUuid(OFFERING_ATTRIBUTION)
  offeringId?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class RecordCostDto {
  @OneOf(EFFECTS, 'removed from the consumer by the service, or imposed on it')
  effect!: Effect;

  @PositiveAmount('Positive exact amount')
  amount!: string;

  @ApiProperty({ description: 'ISO 4217 code, upper case', example: 'EUR' })
  @IsIn(ISO_4217_CURRENCIES as string[], { message: '$property must be an ISO 4217 currency code' })
  currency!: string;

  @Text('What the cost is', undefined, 'licence fees no longer paid')
  description!: string;

  @OptionalUuid(OFFERING_ATTRIBUTION)
  offeringId?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class RecordRiskDto {
  @OneOf(EFFECTS, 'removed from the consumer by the service, or imposed on it')
  effect!: Effect;

  @Text('What the risk is', undefined, 'single data centre')
  description!: string;

  @OneOf(RISK_SEVERITIES, 'How severe')
  severity!: RiskSeverity;

  @OptionalUuid(OFFERING_ATTRIBUTION)
  offeringId?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class PeriodDto {
  @IsoInstant('Start of the measured period', '2026-01-01')
  start!: string;

  @IsoInstant('End of the measured period (after start)', '2026-02-01T00:00:00Z')
  @NotBefore('start')
  end!: string;
}

export class MeasureServiceLevelDto {
  @Uuid('An offering provisioned in this relationship')
  offeringId!: string;

  @Text('A metric of the offering’s warranty in force at period.start', MAX_NAME, 'availability')
  metric!: string;

  @ApiPropertyOptional({
    description:
      'The target of the warranty in force at period.start; taken from the warranty when absent, refused (409 target-mismatch) when different',
    type: Number,
    example: 99.9,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number;

  @FiniteNumber('Measured value', 99.95)
  actual!: number;

  @ApiProperty({
    description:
      'The comparison of the warranty in force; taken from the warranty when absent, refused (409 target-mismatch) when different',
    enum: TARGET_COMPARISONS,
    required: false,
  })
  @IsOptional()
  @IsIn(TARGET_COMPARISONS)
  comparison?: TargetComparison;

  @ApiProperty({ type: PeriodDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;
}

export class ReviewRelationshipDto {
  @OneOf(STAKEHOLDER_ROLES, 'The reviewing stakeholder role (assigned here)')
  stakeholderRole!: StakeholderRole;

  @ApiProperty({ description: 'Perceived value, 1 (none) to 5 (high)', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  valueScore!: number;

  @OptionalText('Free comment')
  comment?: string | null;

  @OptionalUuid(OFFERING_ATTRIBUTION)
  offeringId?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class DeprovisionServiceDto {
  @Uuid('An offering provisioned in this relationship')
  offeringId!: string;

  @OccurredAt()
  occurredAt?: string;
}

export class EndRelationshipDto {
  @OptionalText('Why, in a sentence')
  reason?: string | null;

  @OccurredAt()
  occurredAt?: string;
}

export class RetractFactDto {
  @Uuid(
    'The id an earlier answer carried (stakeholderId, consumptionId, outputId, outcomeId, costId, riskId, measurementId or reviewId)',
  )
  factId!: string;

  @Text('Why the fact is withdrawn', MAX_NAME * 5, 'recorded twice by mistake')
  reason!: string;

  @OccurredAt()
  occurredAt?: string;
}
