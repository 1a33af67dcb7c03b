import { createHash } from 'node:crypto';

/** Namespace of the ledger's name-based ids (a fixed random UUID). */
export const LEDGER_ID_NAMESPACE = '6b2f4c1e-9a57-4d1c-8f0e-3c5a7e9b2d41';

/**
 * Deterministic, so it keeps replay pure: it derives ids from names, it never invents them.
 * RFC 9562 version-5 UUID: SHA-1 over namespace bytes and name. The same name always gives the
 * same id, which is how a retried request (same actor and Idempotency-Key) names the same
 * stream, entities and events as the first attempt.
 */
export function nameBasedUuid(name: string, namespace = LEDGER_ID_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
