import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { inexactNumberReason } from '../http/exact-number';
import { FieldProblem } from './problem-details.dto';
import { RequestValidationFailed } from './request-validation-failed.error';

/** A number as a query string may spell it (`42`, `-1.5`, `1e20`, `+3`). */
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The global pipe: unknown fields are refused (not silently dropped), bodies become DTO
 * instances, and every failure becomes one 400 naming each field by its path
 * (`warranty.availabilityTarget`, `goods.2`). Query and path values that a DTO declares as
 * numbers must be numbers a double holds exactly: `9007199254740993`, `1e20` or 2^64 would
 * otherwise become a different integer (or one no store can hold) before any rule sees them.
 */
export class LedgerValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationFailed(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'query' || metadata.type === 'param') && metadata.metatype) {
      const problems = inexactNumbers(value, metadata.metatype);
      if (problems.length > 0) throw new RequestValidationFailed(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe();
}

function inexactNumbers(value: unknown, metatype: Type<unknown>): FieldProblem[] {
  if (value === null || typeof value !== 'object') return [];
  const problems: FieldProblem[] = [];
  for (const [field, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'string' || !NUMERIC.test(raw)) continue;
    if (Reflect.getMetadata('design:type', metatype.prototype as object, field) !== Number) {
      continue;
    }
    const reason = inexactNumberReason(raw.replace(/^\+/, ''));
    if (reason !== undefined) problems.push({ field, messages: [`${field}: ${raw} ${reason}`] });
  }
  return problems;
}

export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}
