import { FoldMap } from '../shared/fold-map';
import { PackedFacts, PackedFactsJson } from './packed-facts';
import { RecordedFact } from './recorded-fact';

/**
 * Every retractable fact of a relationship by its id, in the order recorded. Facts restored
 * from a snapshot stay packed (see PackedFacts); facts recorded or retracted since are kept in a
 * FoldMap over them, so `evolve` costs O(1) per event either way.
 */
export class RecordedFacts {
  private constructor(
    private readonly base: PackedFacts | undefined,
    private readonly changes: FoldMap<string, RecordedFact>,
    readonly size: number,
  ) {}

  static empty(): RecordedFacts {
    return new RecordedFacts(undefined, FoldMap.empty(), 0);
  }

  static from(entries: Iterable<readonly [string, RecordedFact]>): RecordedFacts {
    const changes = FoldMap.from(entries);
    return new RecordedFacts(undefined, changes, changes.size);
  }

  /** Facts as {@link packed} kept them: nothing is parsed or built until a lookup. */
  static fromPacked(json: PackedFactsJson | PackedFacts): RecordedFacts {
    const base = json instanceof PackedFacts ? json : PackedFacts.unpack(json);
    return new RecordedFacts(base, FoldMap.empty(), base.size);
  }

  /**
   * The facts in the compact form a snapshot keeps. Facts restored from one are extended with
   * what changed since (O(changes)); others are packed in full.
   */
  static packed(facts: RecordedFacts): PackedFactsJson {
    return facts.base?.appended(facts.changes.entries()) ?? PackedFacts.pack(facts.entries());
  }

  get approximateBytes(): number {
    return this.changes.approximateBytes + (this.base?.approximateBytes ?? 0);
  }

  get(factId: string): RecordedFact | undefined {
    return this.changes.get(factId) ?? this.base?.get(factId);
  }

  set(factId: string, fact: RecordedFact): RecordedFacts {
    const changes = this.changes.set(factId, fact);
    // A fact already among the changes leaves their size as it was (no second lookup for it).
    const known = changes.size === this.changes.size || (this.base?.has(factId) ?? false);
    return new RecordedFacts(this.base, changes, this.size + (known ? 0 : 1));
  }

  /** The facts in the order they were first recorded (restored ones first). */
  *entries(): IterableIterator<[string, RecordedFact]> {
    if (this.base !== undefined) {
      for (const [factId, fact] of this.base.entries()) {
        yield [factId, this.changes.get(factId) ?? fact];
      }
    }
    for (const [factId, fact] of this.changes.entries()) {
      if (!(this.base?.has(factId) ?? false)) yield [factId, fact];
    }
  }

  /** JSON has no maps: the entries, as `[id, fact]` pairs. */
  toJSON(): [string, RecordedFact][] {
    return [...this.entries()];
  }
}
