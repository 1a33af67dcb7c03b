import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsNumber,
  IsOptional,
  IsUUID,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import {
  Dimension,
  FOUR_DIMENSIONS,
  IMPROVEMENT_CLOSURES,
  IMPROVEMENT_DIRECTIONS,
  ImprovementClosure,
  ImprovementDirection,
  parseIsoInstant,
  VALUE_CHAIN_ACTIVITIES,
  ValueChainActivity,
} from '@app/domain';
import {
  FiniteNumber,
  IsoInstant,
  MAX_NAME,
  MAX_TEXT,
  OneOf,
  OptionalText,
  OptionalUuid,
  Text,
} from './field-decorators';

/** A fact cannot have happened later than now (5 minutes of clock skew allowed). */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60_000;

/** An ISO-8601 instant that is not more than the allowed skew ahead of the server's clock. */
function NotAheadOfNow() {
  return ValidateBy({
    name: 'notAheadOfNow',
    validator: {
      validate: (value: unknown) => {
        const at = typeof value === 'string' ? parseIsoInstant(value) : undefined;
        return at !== undefined && at <= Date.now() + ALLOWED_CLOCK_SKEW_MS;
      },
      defaultMessage: () =>
        '$property must be an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z) not in the future',
    },
  });
}

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

  @OneOf(IMPROVEMENT_DIRECTIONS, 'Which way the metric should move to get better')
  direction!: ImprovementDirection;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Where are we now. Left out for a warranty metric of the subject, the ledger measures it: the mean actual of the last 3 unretracted measured periods that ended before the proposal',
    example: 99.5,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number | null;

  @FiniteNumber('Metric value aimed for (where do we want to be)', 99.95)
  target!: number;

  @IsoInstant('When the target should be reached (a date means 00:00 UTC that day)', '2026-12-31')
  targetDate!: string;

  @Text('The person who owns the improvement', MAX_NAME, 'Dana Reyes')
  owner!: string;

  @OptionalText('The vision or objective it serves')
  objective?: string | null;

  @OptionalUuid('An earlier improvement this one follows up (keeping the momentum going)')
  followsUp?: string | null;
}

/** Body of withdraw and hold: why, always. */
export class RequiredReasonDto {
  @Text('Why, in a sentence', MAX_TEXT, 'Superseded by the platform migration')
  reason!: string;
}

export class ImplementImprovementDto {
  @ApiPropertyOptional({
    description:
      'When the change took effect (ISO-8601, default now, at most 5 minutes ahead); measured actuals count from here',
    type: String,
    example: '2026-04-01T00:00:00Z',
  })
  @IsOptional()
  @NotAheadOfNow()
  implementedAt?: string;
}

export class EvaluateImprovementDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Did we get there. Left out for a warranty metric of the subject, the ledger measures it: the mean actual of the measured periods that start at or after implementedAt',
    example: 99.97,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  actual?: number | null;

  @OneOf(IMPROVEMENT_CLOSURES, 'How the improvement closed')
  closure!: ImprovementClosure;

  @OptionalText('What was learned')
  notes?: string | null;
}
