import { StreamDeletedError, StreamNotFoundError, type StreamingRead } from '@eventstore/db-client';
import { StreamNotFound } from '../stream-not-found.error';

/**
 * Iterates one of the client's reads (a Node readable, so `for await` pulls with backpressure)
 * and cancels the server-side read when the consumer stops early, so no gRPC call is left open.
 */
export async function* drainRead<T>(read: StreamingRead<T>): AsyncGenerator<T, void, undefined> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel();
  }
}

/**
 * The client raises `StreamNotFoundError` while the read is being iterated, not when it is
 * created; callers wrap the iteration and map it here. A deleted stream reads as not found too
 * (the ledger never deletes; anything else deleted it behind the ledger's back).
 */
export function isMissingStreamError(error: unknown): boolean {
  return error instanceof StreamNotFoundError || error instanceof StreamDeletedError;
}

export function mapReadError(error: unknown, streamId: string): unknown {
  return isMissingStreamError(error) ? new StreamNotFound(streamId) : error;
}
