import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoInstant } from '@app/domain';

/** A strict ISO-8601 instant (date, or date-time with `Z` or an offset); see the domain's iso-time. */
export const IsIsoInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 instant with a time zone, e.g. 2026-01-31T12:00:00Z`,
      },
    },
    options,
  );
