import { JsonValue } from './json';

/**
 * Metadata every event carries. `recordedAt` is an ISO-8601 UTC time; when the writer leaves
 * it out, the store sets it at append time. It is part of the hashed content, so an as-of
 * replay reads a time that cannot be edited unnoticed.
 */
export interface EventMetadata {
  actor?: string;
  correlationId?: string;
  causationId?: string;
  recordedAt?: string;
  [key: string]: JsonValue | undefined;
}
