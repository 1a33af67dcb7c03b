import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetails } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';

/**
 * Documents one error answer of a route (or of every route of a controller) the way the
 * ProblemDetailsFilter sends it: `application/problem+json` with the ProblemDetails schema.
 * (`type: ProblemDetails` alone would document it as `application/json`.)
 */
export function ApiProblem(status: number, description: string) {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ApiResponse({
      status,
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
    }),
  );
}
