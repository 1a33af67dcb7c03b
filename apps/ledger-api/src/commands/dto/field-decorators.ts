import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { isIsoInstant, parseIsoInstant, parsePositiveAmount } from '@app/domain';

/*
 * Field decorators for command bodies: each one validates a field and documents it in the
 * OpenAPI schema from the same declaration, so the two cannot drift apart.
 */

export const MAX_TEXT = 2_000;
export const MAX_NAME = 200;
export const MAX_LIST = 100;

/** A required, non-blank string of at most `max` characters. */
export function Text(description: string, max = MAX_TEXT, example?: string) {
  return applyDecorators(
    ApiProperty({ description, maxLength: max, minLength: 1, example }),
    IsString(),
    IsNotEmpty(),
    NotBlank(),
    MaxLength(max),
  );
}

/** An optional non-blank string (null allowed, meaning "none"). */
export function OptionalText(description: string, max = MAX_TEXT) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, description, maxLength: max, nullable: true }),
    IsOptional(),
    IsString(),
    NotBlank(),
    MaxLength(max),
  );
}

/** A list of non-blank strings (may be empty). */
export function TextList(description: string, example: string[]) {
  return applyDecorators(
    ApiProperty({ description, type: [String], maxItems: MAX_LIST, example }),
    IsArray(),
    ArrayMaxSize(MAX_LIST),
    IsString({ each: true }),
    NotBlank({ each: true }),
    MaxLength(MAX_TEXT, { each: true }),
  );
}

export function Uuid(description: string) {
  return applyDecorators(ApiProperty({ description, format: 'uuid' }), IsUUID());
}

export function OptionalUuid(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, description, format: 'uuid', nullable: true }),
    IsOptional(),
    IsUUID(),
  );
}

/** One word of the domain's vocabulary. */
export function OneOf(values: readonly string[], description: string) {
  return applyDecorators(
    ApiProperty({ description, enum: values }),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

/** A finite JSON number. */
export function FiniteNumber(description: string, example?: number) {
  return applyDecorators(
    ApiProperty({ description, type: Number, example }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
  );
}

/**
 * A positive exact amount, sent as a decimal string ("1250.50") or a JSON number (1250.5);
 * normalized to the canonical decimal string the domain records ("1250.5"). Exponents,
 * signs, zero and more than 4 fraction digits are refused.
 */
export function PositiveAmount(description: string) {
  return applyDecorators(
    ApiProperty({
      description,
      oneOf: [
        { type: 'string', pattern: '^\\d+(\\.\\d{1,4})?$' },
        { type: 'number', minimum: 0, exclusiveMinimum: true },
      ],
      example: '1250.50',
    }),
    Transform(({ value }: { value: unknown }) => {
      const text = typeof value === 'number' ? String(value) : value;
      return typeof text === 'string' ? (parsePositiveAmount(text) ?? value) : value;
    }),
    ValidateBy({
      name: 'isPositiveAmount',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parsePositiveAmount(value) === value,
        defaultMessage: () =>
          '$property must be a positive exact decimal (string or number) with at most 4 fraction digits',
      },
    }),
  );
}

/** An ISO-8601 date or date-time with offset (e.g. `2026-01-31` or `2026-01-31T12:00:00Z`). */
export function IsoInstant(description: string, example: string) {
  return applyDecorators(
    ApiProperty({ description, type: String, example }),
    ValidateBy({
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoInstant(value),
        defaultMessage: () =>
          '$property must be an ISO-8601 date or date-time with offset (e.g. 2026-01-31T12:00:00Z)',
      },
    }),
  );
}

/** An optional instant (ISO-8601 date or date-time with offset); the server's now if absent. */
export function OptionalIsoInstant(description: string, example: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, type: String, example }),
    IsOptional(),
    ValidateBy({
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoInstant(value),
        defaultMessage: () =>
          '$property must be an ISO-8601 date or date-time with offset (e.g. 2026-01-31T12:00:00Z)',
      },
    }),
  );
}

/** When the fact happened; more than 5 minutes in the future is refused (400). */
export function OccurredAt() {
  return OptionalIsoInstant(
    'When the fact happened (ISO-8601 instant, not more than 5 minutes in the future); default: when it is recorded',
    '2025-01-15T09:00:00Z',
  );
}

/** This instant is not before the one in the sibling field `startField`. */
export function NotBefore(startField: string) {
  return ValidateBy({
    name: 'notBefore',
    constraints: [startField],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const start = (args?.object as Record<string, unknown>)[startField];
        if (typeof value !== 'string' || typeof start !== 'string') return true;
        const [from, to] = [parseIsoInstant(start), parseIsoInstant(value)];
        return from === undefined || to === undefined || from <= to;
      },
      defaultMessage: () => `$property must not be before ${startField}`,
    },
  });
}

/** Not only white space (`IsNotEmpty` lets "   " through). */
function NotBlank(options?: { each?: boolean }) {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}
