import * as crypto from 'node:crypto';
import { EventMetadata } from '../event-metadata';
import { JsonObject } from '../json';
import { canonicalJson } from './canonical-json';

/** The `previousHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash of one event covers. */
export interface HashedEventContent {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  previousHash: string;
}

/** SHA-256, lower-case hex, over the UTF-8 bytes of the canonical JSON of the seven fields. */
export function computeEventHash(content: HashedEventContent): string {
  const encoded = canonicalJson({
    streamId: content.streamId,
    revision: content.revision,
    eventId: content.eventId,
    type: content.type,
    data: content.data,
    metadata: content.metadata,
    previousHash: content.previousHash,
  });
  // Node's one-shot hash (20.12+) costs far less than a Hash object on every append.
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', encoded, 'hex')
    : crypto.createHash('sha256').update(encoded, 'utf8').digest('hex');
}
