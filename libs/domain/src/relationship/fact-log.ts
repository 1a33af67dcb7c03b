import { FactExtras, structuredCopy } from './packed-facts';
import { RecordedFact } from './recorded-fact';
import { RetractableFactType } from './relationship.events';

/** The columns every version of one lineage shares; a version sees its first `length` facts. */
interface Columns {
  readonly ids: string[];
  readonly types: RetractableFactType[];
  readonly occurredAt: string[];
  /** Facts with more than a type and a time (outcomes' outputs, measured periods). */
  readonly extras: Map<number, FactExtras>;
  /** Each id's position: recorded once per lineage, so a version sees it iff it is below its length. */
  readonly positionOf: Map<string, number>;
}

/** Three array slots and a hash-map entry, plus the two strings (for bounded caches). */
const FACT_OVERHEAD_BYTES = 80;

/**
 * Facts as first recorded, by column, in that order: what a fold of a long stream mostly
 * builds, at one hash lookup and one insert per fact and no object per fact (a FoldMap of
 * fact records cost a record, a version object and a history entry each, and twice the
 * garbage collection). Each id is recorded once; what a later event changes about a known fact
 * (a retraction) is kept by the owner (RecordedFacts). Versions work as FoldMap's: every one
 * shares the columns and sees only its first `length` facts, so an older version stays as it
 * was while newer ones are extended; appending to an older version (a fork, rare) first copies
 * what it sees.
 */
export class FactLog {
  private constructor(
    private readonly columns: Columns,
    readonly length: number,
    readonly approximateBytes: number,
  ) {}

  static empty(): FactLog {
    return new FactLog(
      { ids: [], types: [], occurredAt: [], extras: new Map(), positionOf: new Map() },
      0,
      0,
    );
  }

  /** The position of a fact this version sees, or -1. */
  positionOf(factId: string): number {
    const position = this.columns.positionOf.get(factId);
    return position !== undefined && position < this.length ? position : -1;
  }

  idAt(position: number): string {
    return this.columns.ids[position];
  }

  /** The fact at a position, as recorded (not retracted): a fresh object the caller owns. */
  factAt(position: number): RecordedFact {
    const { types, occurredAt, extras } = this.columns;
    const fact: RecordedFact = {
      factType: types[position],
      occurredAt: occurredAt[position],
      retracted: false,
    };
    const extra = extras.get(position);
    return extra === undefined ? fact : { ...fact, ...structuredCopy(extra) };
  }

  /** This log with one more fact; `factId` must not be one this version sees. */
  append(
    factId: string,
    factType: RetractableFactType,
    occurredAt: string,
    extras?: FactExtras,
  ): FactLog {
    const columns = this.length === this.columns.ids.length ? this.columns : this.fork();
    const position = this.length;
    columns.ids.push(factId);
    columns.types.push(factType);
    columns.occurredAt.push(occurredAt);
    if (extras !== undefined) columns.extras.set(position, extras);
    columns.positionOf.set(factId, position);
    const bytes = FACT_OVERHEAD_BYTES + 2 * (factId.length + occurredAt.length);
    const extraBytes = extras === undefined ? 0 : 2 * JSON.stringify(extras).length;
    return new FactLog(columns, position + 1, this.approximateBytes + bytes + extraBytes);
  }

  /** The facts in the order recorded, as recorded. */
  *entries(): IterableIterator<[string, RecordedFact]> {
    for (let position = 0; position < this.length; position += 1) {
      yield [this.columns.ids[position], this.factAt(position)];
    }
  }

  /** New columns holding exactly the facts this version sees. */
  private fork(): Columns {
    const { ids, types, occurredAt, extras } = this.columns;
    const forked: Columns = {
      ids: ids.slice(0, this.length),
      types: types.slice(0, this.length),
      occurredAt: occurredAt.slice(0, this.length),
      extras: new Map([...extras].filter(([position]) => position < this.length)),
      positionOf: new Map(),
    };
    forked.ids.forEach((id, position) => forked.positionOf.set(id, position));
    return forked;
  }
}
