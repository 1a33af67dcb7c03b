import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsUUID,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import {
  Dimension,
  FOUR_DIMENSIONS,
  VALUE_CHAIN_ACTIVITIES,
  ValueChainActivity,
} from '@app/domain';
import { FiniteNumber, MAX_NAME, OneOf, OptionalUuid, Text } from './field-decorators';

const ONE_SUBJECT = 'subject names exactly one of relationshipId or offeringId';

/** Refused when the sibling field is also given. */
function AbsentWith(other: string) {
  return ValidateBy({
    name: 'absentWith',
    constraints: [other],
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => ONE_SUBJECT,
    },
  });
}

/** What an improvement is about: one relationship or one offering, not both. */
export class ImprovementSubjectDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A relationship (active)' })
  @ValidateIf(
    (o: ImprovementSubjectDto) => o.relationshipId !== undefined || o.offeringId === undefined,
  )
  @IsUUID(undefined, { message: `relationshipId must be a UUID (${ONE_SUBJECT})` })
  @AbsentWith('offeringId')
  relationshipId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An offering (published, not retired)' })
  @ValidateIf((o: ImprovementSubjectDto) => o.offeringId !== undefined)
  @IsUUID()
  offeringId?: string;
}

export class ProposeImprovementDto {
  @OptionalUuid('Client-chosen id (the create is then idempotent); the server makes one if absent')
  id?: string;

  @ApiProperty({ type: ImprovementSubjectDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ImprovementSubjectDto)
  subject!: ImprovementSubjectDto;

  @Text('What to improve', MAX_NAME, 'Automate failover')
  title!: string;

  @OneOf(FOUR_DIMENSIONS, 'One of the four dimensions of service management')
  dimension!: Dimension;

  @OneOf(VALUE_CHAIN_ACTIVITIES, 'The service value chain activity it improves')
  valueChainActivity!: ValueChainActivity;

  @Text('The metric that shows the improvement', MAX_NAME, 'availability')
  metric!: string;

  @FiniteNumber('Metric value before', 99.5)
  baseline!: number;

  @FiniteNumber('Metric value aimed for', 99.95)
  target!: number;
}

export class EvaluateImprovementDto {
  @FiniteNumber('Metric value measured after implementation', 99.97)
  actual!: number;
}
