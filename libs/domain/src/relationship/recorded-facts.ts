import { FoldMap } from '../shared/fold-map';
import { FactLog } from './fact-log';
import { FactExtras, PackedFacts, PackedFactsJson } from './packed-facts';
import { RecordedFact } from './recorded-fact';
import { RetractableFactType } from './relationship.events';

/**
 * Every retractable fact of a relationship by its id, in the order recorded. Facts restored
 * from a snapshot stay packed (see PackedFacts); facts first recorded since go to a FactLog
 * (by column, one hash insert each), and a later version of a known fact (a retraction) to a
 * FoldMap over both, so `evolve` costs O(1) per event either way.
 */
export class RecordedFacts {
  private constructor(
    private readonly base: PackedFacts | undefined,
    private readonly log: FactLog,
    /** Facts known before (restored or logged) whose latest version differs from that record. */
    private readonly rewrites: FoldMap<string, RecordedFact>,
    readonly size: number,
  ) {}

  static empty(): RecordedFacts {
    return new RecordedFacts(undefined, FactLog.empty(), FoldMap.empty(), 0);
  }

  static from(entries: Iterable<readonly [string, RecordedFact]>): RecordedFacts {
    let facts = RecordedFacts.empty();
    for (const [factId, fact] of entries) facts = facts.set(factId, fact);
    return facts;
  }

  /** Facts as {@link packed} kept them: nothing is parsed or built until a lookup. */
  static fromPacked(json: PackedFactsJson | PackedFacts): RecordedFacts {
    const base = json instanceof PackedFacts ? json : PackedFacts.unpack(json);
    return new RecordedFacts(base, FactLog.empty(), FoldMap.empty(), base.size);
  }

  /**
   * The facts in the compact form a snapshot keeps. Facts restored from one are extended with
   * what changed since (O(changes)); others are packed in full.
   */
  static packed(facts: RecordedFacts): PackedFactsJson {
    return facts.base?.appended(facts.changes()) ?? PackedFacts.pack(facts.entries());
  }

  /** Whether these facts were restored from a snapshot (and are extended from it). */
  get restored(): boolean {
    return this.base !== undefined;
  }

  get approximateBytes(): number {
    return (
      this.log.approximateBytes +
      this.rewrites.approximateBytes +
      (this.base?.approximateBytes ?? 0)
    );
  }

  get(factId: string): RecordedFact | undefined {
    if (this.rewrites.size > 0) {
      const rewritten = this.rewrites.get(factId);
      if (rewritten !== undefined) return rewritten;
    }
    const position = this.log.positionOf(factId);
    return position >= 0 ? this.log.factAt(position) : this.base?.get(factId);
  }

  /**
   * A fact recorded (not retracted) under this id: what evolve does for most events. A new id
   * is appended to the log without building a record; a known one gets a new version.
   */
  record(
    factId: string,
    factType: RetractableFactType,
    occurredAt: string,
    extras?: FactExtras,
  ): RecordedFacts {
    if (this.isKnown(factId)) {
      return this.set(factId, { factType, occurredAt, retracted: false, ...extras });
    }
    const log = this.log.append(factId, factType, occurredAt, extras);
    return new RecordedFacts(this.base, log, this.rewrites, this.size + 1);
  }

  /** This fact (any version of it, retracted or not) under this id. */
  set(factId: string, fact: RecordedFact): RecordedFacts {
    if (this.isKnown(factId)) {
      return new RecordedFacts(this.base, this.log, this.rewrites.set(factId, fact), this.size);
    }
    const { factType, occurredAt, retracted, ...extras } = fact;
    const recorded = this.record(
      factId,
      factType,
      occurredAt,
      Object.keys(extras).length > 0 ? extras : undefined,
    );
    return retracted ? recorded.set(factId, fact) : recorded;
  }

  /** The facts in the order they were first recorded (restored ones first), latest versions. */
  *entries(): IterableIterator<[string, RecordedFact]> {
    if (this.base !== undefined) {
      for (const [factId, fact] of this.base.entries()) {
        yield [factId, this.rewrites.get(factId) ?? fact];
      }
    }
    yield* this.logged();
  }

  /** JSON has no maps: the entries, as `[id, fact]` pairs. */
  toJSON(): [string, RecordedFact][] {
    return [...this.entries()];
  }

  private isKnown(factId: string): boolean {
    return this.log.positionOf(factId) >= 0 || (this.base?.has(factId) ?? false);
  }

  /** The logged facts in the order recorded, latest versions. */
  private *logged(): IterableIterator<[string, RecordedFact]> {
    for (const [factId, fact] of this.log.entries()) {
      yield [factId, (this.rewrites.size > 0 && this.rewrites.get(factId)) || fact];
    }
  }

  /** What changed since the restored base: new versions of its facts, then the logged facts. */
  private *changes(): IterableIterator<[string, RecordedFact]> {
    for (const [factId, fact] of this.rewrites.entries()) {
      if (this.log.positionOf(factId) < 0) yield [factId, fact];
    }
    yield* this.logged();
  }
}
