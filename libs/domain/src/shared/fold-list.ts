import { FoldMap } from './fold-map';

/**
 * An immutable list that `evolve` can append to in O(1) amortized (see {@link FoldMap}): older
 * versions keep seeing what they saw, so a state holding one stays pure for its holders.
 */
export class FoldList<T> {
  private constructor(private readonly items: FoldMap<number, T>) {}

  static empty<T>(): FoldList<T> {
    return new FoldList(FoldMap.empty<number, T>());
  }

  static from<T>(values: Iterable<T>): FoldList<T> {
    const items: [number, T][] = [];
    for (const value of values) items.push([items.length, value]);
    return new FoldList(FoldMap.from(items));
  }

  get length(): number {
    return this.items.size;
  }

  get approximateBytes(): number {
    return this.items.approximateBytes;
  }

  at(index: number): T | undefined {
    return this.items.get(index);
  }

  push(value: T): FoldList<T> {
    return new FoldList(this.items.set(this.items.size, value));
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** JSON has no such lists: the items, as an array. */
  toJSON(): T[] {
    return [...this.values()];
  }
}
