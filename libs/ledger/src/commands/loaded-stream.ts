import { FoldMap } from '@app/domain';

/** An earlier append made under an Idempotency-Key: where its last event landed. */
export interface KeyedAppend {
  requestHash: string;
  revision: number;
  position: string;
}

/**
 * A stream folded to its state, with what idempotent answers need: the appends made under an
 * Idempotency-Key (by `actor\nkey`) and the request hash of the stream's first event.
 * Treated as immutable: the state cache hands the same object to concurrent commands.
 */
export interface LoadedStream<State> {
  streamId: string;
  state: State;
  /** Revision of the last event; -1 when the stream has none. */
  revision: number;
  /** Position of the last event; undefined when the stream has none. */
  position?: string;
  keyed: FoldMap<string, KeyedAppend>;
  firstRequestHash?: string;
  firstPosition?: string;
}

export function keyedAppendId(actor: string, idempotencyKey: string): string {
  return `${actor}\n${idempotencyKey}`;
}
