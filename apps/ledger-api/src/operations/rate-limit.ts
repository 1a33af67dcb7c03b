import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** Only the API itself is limited: not health checks, the OpenAPI document or the dashboard. */
function isLimited(url: string): boolean {
  return url.startsWith('/v1/') || url === '/metrics' || url.startsWith('/metrics?');
}

/**
 * `LEDGER_RATE_LIMIT` requests a minute per API key (per address for requests without one);
 * over it the answer is 429 problem+json with `Retry-After`. The key itself is never kept:
 * the counter is under a hash of it. 0 turns the limit off.
 */
export async function registerRateLimit(
  app: NestFastifyApplication,
  perMinute: number,
): Promise<void> {
  if (perMinute === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => !isLimited(request.url),
    keyGenerator: clientKey,
    // The error goes through the problem+json filter like every other refusal.
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        `more than ${context.max} requests a minute for this key; retry in ${Math.ceil(context.ttl / 1000)} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  });
}

function clientKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    return `key:${createHash('sha256').update(authorization).digest('base64url')}`;
  }
  return `address:${request.ip}`;
}
