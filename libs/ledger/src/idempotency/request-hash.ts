import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/event-store';

/**
 * SHA-256 over method, path and the canonical JSON of the body: two requests with the same
 * hash are the same request, whatever their key order or white space.
 */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}
