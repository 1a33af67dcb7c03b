import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './problem-details.dto';
import { RequestValidationFailed } from './request-validation-failed.error';

/**
 * The global pipe: unknown fields are refused (not silently dropped), bodies become DTO
 * instances, and every failure becomes one 400 naming each field by its path
 * (`warranty.availabilityTarget`, `goods.2`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationFailed(fieldProblems(errors)),
  });
}

export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}
