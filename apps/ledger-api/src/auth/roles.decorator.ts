import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblem } from '../errors/api-problem.decorator';
import { ApiRole } from './api-role';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/**
 * Opens a controller or route to these roles (and to every role that grants them: `admin`
 * all, `auditor` also `analyst`). The global ApiKeyGuard enforces it; the OpenAPI document
 * shows the roles (`x-roles`), the bearer scheme and the 401/403 answers.
 * Usage: `@Roles('service')` on commands, `@Roles('analyst')` on queries,
 * `@Roles('auditor')` on audit routes, `@Roles('admin')` on operations.
 * A route with neither `@Roles` nor `@Public` needs a valid key of any role.
 */
export const Roles = (...roles: ApiRole[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiProblem(401, 'No or unknown API key'),
    ApiProblem(403, `Role not allowed (needs: ${roles.join(', ')})`),
  );

/** Marks a controller or route as needing no key at all (e.g. `/health`). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
