import { LoadedStream } from './loaded-stream';

/** Something that knows roughly how much memory it holds (FoldMap, FoldSet, FoldList). */
interface Sized {
  approximateBytes: number;
}

const ENTRY_OVERHEAD_BYTES = 200;
const MAX_DEPTH = 4;

/**
 * Roughly how much memory a cached stream takes, in O(size of the state's top levels): the
 * Fold collections keep their own running estimate, so a state with 100,000 outputs is not
 * walked. Plain parts count strings by length and everything else by a small constant.
 */
export function approximateStateBytes(loaded: LoadedStream<unknown>): number {
  return ENTRY_OVERHEAD_BYTES + 2 * loaded.streamId.length + bytesOf(loaded.state, 0);
}

function bytesOf(value: unknown, depth: number): number {
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (typeof value !== 'object' || value === null) return 8;
  if (isSized(value)) return 32 + value.approximateBytes;
  if (depth >= MAX_DEPTH) return 64;
  let bytes = 32;
  for (const field of Object.values(value)) bytes += 8 + bytesOf(field, depth + 1);
  return bytes;
}

function isSized(value: object): value is Sized {
  return typeof (value as Partial<Sized>).approximateBytes === 'number';
}
