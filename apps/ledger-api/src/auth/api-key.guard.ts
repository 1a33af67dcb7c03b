import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { ApiKeyRegistry } from './api-key-registry';
import { ApiRole, roleGrants } from './api-role';
import { ANONYMOUS, setPrincipal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * The global guard: `Authorization: Bearer <key>` must name a configured key (401 otherwise)
 * whose role grants one of the route's `@Roles` (403 otherwise). `@Public` routes need no key.
 * With no keys configured every request passes as `anonymous`. Keys are never logged.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly registry: ApiKeyRegistry;

  constructor(
    private readonly reflector: Reflector,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.registry = new ApiKeyRegistry(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.registry.open) {
      setPrincipal(request, ANONYMOUS);
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const presented = bearerToken(request.headers.authorization);
    const principal = presented === undefined ? undefined : this.registry.find(presented);
    if (principal === undefined) {
      throw new UnauthorizedException(
        presented === undefined
          ? 'send an API key as "Authorization: Bearer <key>"'
          : 'the API key is not known',
      );
    }
    setPrincipal(request, principal);
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_KEY, targets);
    const writes = request.method !== 'GET' && request.method !== 'HEAD';
    if (roles !== undefined && !roleGrants(principal.role, roles, writes)) {
      throw new ForbiddenException(
        `role ${principal.role} may not use this route (needs ${roles.join(' or ')})`,
      );
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
