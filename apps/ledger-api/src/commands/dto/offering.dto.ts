import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsNumber,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { ServiceLevel, TARGET_COMPARISONS, TargetComparison } from '@app/domain';
import {
  FiniteNumber,
  MAX_LIST,
  MAX_NAME,
  OneOf,
  OptionalIsoInstant,
  OptionalUuid,
  Text,
  TextList,
  Uuid,
} from './field-decorators';

/** One agreed service level: `metric` at least (or at most) `target`, in `unit`. */
export class ServiceLevelDto {
  @Text('Short name of the metric', 64, 'availability')
  metric!: string;

  @FiniteNumber('Agreed target (a percentage from 0 to 100 when the unit is percent)', 99.9)
  target!: number;

  @OneOf(TARGET_COMPARISONS, 'at-least (availability-like) or at-most (times, counts)')
  comparison!: TargetComparison;

  @Text('Unit of target and actual values', 32, 'percent')
  unit!: string;
}

/**
 * Warranty: the agreed requirements the offering will meet, as a list of service levels. The
 * v1 form `{availabilityTarget: n}` is still accepted and means
 * `[{metric: "availability", target: n, comparison: "at-least", unit: "percent"}]`.
 */
export class WarrantyDto {
  @ApiPropertyOptional({
    type: [ServiceLevelDto],
    minItems: 1,
    maxItems: MAX_LIST,
    description:
      'At least one service level, metrics unique (required unless availabilityTarget is given)',
  })
  @ValidateIf((w: WarrantyDto) => w.availabilityTarget === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @ArrayUnique((level: ServiceLevelDto | undefined) => level?.metric, {
    message: 'serviceLevels must name each metric once',
  })
  @ValidateNested({ each: true })
  @Type(() => ServiceLevelDto)
  serviceLevels?: ServiceLevelDto[];

  @ApiPropertyOptional({
    description: 'v1 form, instead of serviceLevels: agreed availability in percent',
    minimum: 0,
    maximum: 100,
    example: 99.9,
    deprecated: true,
  })
  @ValidateIf((w: WarrantyDto) => w.availabilityTarget !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  @ValidateBy({
    name: 'notBothWarrantyForms',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as WarrantyDto | undefined)?.serviceLevels === undefined,
      defaultMessage: () => 'give serviceLevels or the v1 availabilityTarget, not both',
    },
  })
  availabilityTarget?: number;
}

/** The warranty's service levels, the v1 form read as one availability level. */
export function serviceLevelsOf(warranty: WarrantyDto): ServiceLevel[] {
  if (warranty.serviceLevels !== undefined) {
    return warranty.serviceLevels.map(({ metric, target, comparison, unit }) => ({
      metric,
      target,
      comparison,
      unit,
    }));
  }
  return [
    {
      metric: 'availability',
      target: warranty.availabilityTarget ?? Number.NaN,
      comparison: 'at-least',
      unit: 'percent',
    },
  ];
}

/** A formal description of services for a target consumer group. */
export class OfferingDescriptionDto {
  @Text('Name of the offering', MAX_NAME, 'Managed PostgreSQL')
  name!: string;

  @Text('The consumer group it is for', MAX_NAME, 'product teams')
  targetConsumerGroup!: string;

  @TextList('Goods (ownership transferred to the consumer)', ['database licence'])
  goods!: string[];

  @TextList('Access to resources (ownership stays with the provider)', ['managed cluster'])
  resourceAccess!: string[];

  @TextList('Service actions performed by the provider', ['backups', 'patching'])
  serviceActions!: string[];

  @TextList('Utility: what the service does (fit for purpose)', ['stores relational data'])
  utility!: string[];

  @ApiProperty({ type: WarrantyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => WarrantyDto)
  warranty!: WarrantyDto;

  @OptionalIsoInstant(
    'From when this description is in force (ISO-8601 instant, not more than 5 minutes in the future); default: now',
    '2025-01-01T00:00:00Z',
  )
  effectiveFrom?: string;
}

export class PublishOfferingDto extends OfferingDescriptionDto {
  @OptionalUuid('Client-chosen id (the create is then idempotent); the server makes one if absent')
  id?: string;

  @Uuid('The provider organization (registered)')
  providerId!: string;
}

/** Replaces the whole description. */
export class ReviseOfferingDto extends OfferingDescriptionDto {}
