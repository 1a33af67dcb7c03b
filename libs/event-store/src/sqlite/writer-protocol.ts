import type { AppendResult } from '../append-result';
import type { ExpectedRevision } from '../expected-revision';
import type { NewEvent } from '../new-event';
import { RevisionConflict } from '../revision-conflict.error';
import type { SqliteSynchronous } from './sqlite-synchronous';

/** What the writer thread is started with. */
export interface WriterOptions {
  file: string;
  synchronous: SqliteSynchronous;
}

/** One append as the writer thread receives it. */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
  /** Stamped on events whose writer left `metadata.recordedAt` out. */
  recordedAt: string;
}

/** Main thread → writer thread. */
export type WriterRequest =
  { kind: 'batch'; batch: number; appends: AppendRequest[] } | { kind: 'close' };

/** An error as it crosses the thread boundary (classes do not survive structured clone). */
export type WireError =
  | {
      kind: 'revision-conflict';
      streamId: string;
      expected: ExpectedRevision;
      actual: number | 'no_stream';
    }
  | { kind: 'range'; message: string }
  | { kind: 'other'; message: string };

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: WireError };

/** Writer thread → main thread. */
export type WriterReply =
  { kind: 'batch'; batch: number; outcomes: AppendOutcome[] } | { kind: 'closed' };

export function toWireError(error: unknown): WireError {
  if (error instanceof RevisionConflict) {
    return {
      kind: 'revision-conflict',
      streamId: error.streamId,
      expected: error.expected,
      actual: error.actual,
    };
  }
  if (error instanceof RangeError) return { kind: 'range', message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(error: WireError): Error {
  switch (error.kind) {
    case 'revision-conflict':
      return new RevisionConflict(error.streamId, error.expected, error.actual);
    case 'range':
      return new RangeError(error.message);
    case 'other':
      return new Error(error.message);
  }
}
