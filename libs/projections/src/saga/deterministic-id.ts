import { createHash } from 'node:crypto';

/** Namespace of ids the ledger derives for improvements it proposes itself. */
export const SYSTEM_IMPROVEMENT_NAMESPACE = '6f1e2a54-3c1b-5d8e-9a77-2b4c0e9d1f35';

/**
 * A name-based UUID (version 5, RFC 9562): SHA-1 over namespace and name. The same trigger
 * always gives the same id, which makes the automatic proposal idempotent across restarts,
 * rebuilds and replays.
 */
export function uuidV5(name: string, namespace: string = SYSTEM_IMPROVEMENT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the improvement proposed because of the measurement event `measurementEventId`. */
export function improvementIdForBreachStreak(measurementEventId: string): string {
  return uuidV5(`availability-breach-streak:${measurementEventId}`);
}
