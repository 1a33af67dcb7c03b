/**
 * What the writer believes about a stream when it appends.
 * - `any`: no check.
 * - `no_stream`: the stream must not exist yet.
 * - `stream_exists`: the stream must have at least one event.
 * - a number: the stream's current (0-based) revision must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** The revision a stream actually had when an expectation failed. */
export type ActualRevision = 'no_stream' | number;

export function describeRevision(revision: ExpectedRevision | ActualRevision): string {
  return typeof revision === 'number' ? String(revision) : revision;
}

/** True when a stream whose current revision is `actual` satisfies `expected`. */
export function satisfiesExpectedRevision(
  expected: ExpectedRevision,
  actual: ActualRevision,
): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}
