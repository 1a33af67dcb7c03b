import * as crypto from 'node:crypto';
import { canonicalJson } from '@app/event-store';

/**
 * SHA-256 over method, path and the canonical JSON of the body: two requests with the same
 * hash are the same request, whatever their key order or white space. Every command computes
 * it: Node's one-shot hash (20.12+) costs about half of a Hash object's create, update, digest.
 */
export function requestHash(method: string, path: string, body: unknown): string {
  const request = `${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`;
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', request, 'hex')
    : crypto.createHash('sha256').update(request, 'utf8').digest('hex');
}
