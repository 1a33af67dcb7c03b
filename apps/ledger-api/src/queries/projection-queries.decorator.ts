import { applyDecorators, UseFilters } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { ApiProblem } from '../errors/api-problem.decorator';
import { ProjectionsBehindFilter } from './projections-behind.filter';

/**
 * A controller whose routes answer from the projections: role `analyst`; a `?minPosition=`
 * wait that runs out answers 503 (ProjectionsBehindFilter); a bad id or parameter, 400.
 */
export const ProjectionQueries = () =>
  applyDecorators(
    Roles('analyst'),
    UseFilters(ProjectionsBehindFilter),
    ApiProblem(400, 'An id or query parameter fails validation'),
    ApiProblem(503, 'minPosition not reached in time (Retry-After: 1)'),
  );
