import { FoldMap } from '../shared/fold-map';
import { BaseMembers } from '../shared/fold-set';
import { PackedColumn, PackedColumnJson } from '../shared/packed-column';
import { RecordedFact } from './recorded-fact';
import { RetractableFactType } from './relationship.events';

/** What a fact holds beyond its type, time and retraction (outcomes' outputs, periods). */
type FactExtras = Omit<RecordedFact, 'factType' | 'occurredAt' | 'retracted'>;

/**
 * Facts as a snapshot keeps them: by column, rows sorted by fact id, so restoring 100,000 facts
 * parses a handful of long strings instead of 100,000 objects, and a lookup is a bisection.
 */
export interface PackedFactsJson {
  /** The fact ids, sorted (code-unit order). */
  ids: PackedColumnJson;
  /** Each row's fact type, one character per row: its index in FACT_TYPES, in base 36. */
  types: string;
  occurredAt: PackedColumnJson;
  /** The rows (sorted positions) in the order the facts were recorded, base 36, fixed width. */
  recorded: PackedColumnJson;
  /** Rows of retracted facts. */
  retracted: number[];
  /** Rows with more than type, time and retraction. */
  extras: [number, FactExtras][];
}

const FACT_TYPES: readonly RetractableFactType[] = [
  'StakeholderAssigned',
  'ServiceConsumed',
  'OutputDelivered',
  'OutcomeRealized',
  'CostRecorded',
  'RiskRecorded',
  'ServiceLevelMeasured',
  'RelationshipReviewed',
];

/** The facts a state was restored with: read in place, never rebuilt into a map. */
class PackedFacts {
  private constructor(
    private readonly ids: PackedColumn,
    private readonly types: string,
    private readonly occurredAt: PackedColumn,
    private readonly recorded: PackedColumn,
    private readonly retracted: ReadonlySet<number>,
    private readonly extras: ReadonlyMap<number, FactExtras>,
  ) {}

  static pack(entries: Iterable<readonly [string, RecordedFact]>): PackedFactsJson {
    const rows = [...entries];
    const order = rows.map((_, at) => at).sort((a, b) => compare(rows[a][0], rows[b][0]));
    const rowOf = new Array<number>(rows.length);
    order.forEach((recordedAt, row) => (rowOf[recordedAt] = row));
    const width = Math.max(1, (rows.length - 1).toString(36).length);
    const retracted: number[] = [];
    const extras: [number, FactExtras][] = [];
    order.forEach((recordedAt, row) => {
      const {
        factType: _type,
        occurredAt: _at,
        retracted: isRetracted,
        ...extra
      } = rows[recordedAt][1];
      if (isRetracted) retracted.push(row);
      if (Object.keys(extra).length > 0) extras.push([row, extra]);
    });
    return {
      ids: PackedColumn.pack(order.map((at) => rows[at][0])),
      types: order.map((at) => FACT_TYPES.indexOf(rows[at][1].factType).toString(36)).join(''),
      occurredAt: PackedColumn.pack(order.map((at) => rows[at][1].occurredAt)),
      recorded: PackedColumn.pack(rowOf.map((row) => row.toString(36).padStart(width, '0'))),
      retracted,
      extras,
    };
  }

  /** Throws on JSON that {@link pack} did not write. */
  static unpack(json: PackedFactsJson): PackedFacts {
    if (typeof json !== 'object' || json === null) throw new TypeError('not packed facts');
    const ids = PackedColumn.unpack(json.ids);
    const occurredAt = PackedColumn.unpack(json.occurredAt);
    const recorded = PackedColumn.unpack(json.recorded);
    if (
      typeof json.types !== 'string' ||
      json.types.length !== ids.size ||
      occurredAt.size !== ids.size ||
      recorded.size !== ids.size ||
      !Array.isArray(json.retracted) ||
      !Array.isArray(json.extras)
    ) {
      throw new TypeError('not packed facts');
    }
    return new PackedFacts(
      ids,
      json.types,
      occurredAt,
      recorded,
      new Set(json.retracted),
      new Map(json.extras),
    );
  }

  get size(): number {
    return this.ids.size;
  }

  get approximateBytes(): number {
    return (
      this.ids.approximateBytes +
      this.occurredAt.approximateBytes +
      this.recorded.approximateBytes +
      2 * this.types.length +
      64 * (this.retracted.size + this.extras.size)
    );
  }

  has(factId: string): boolean {
    return this.ids.indexOf(factId) >= 0;
  }

  get(factId: string): RecordedFact | undefined {
    const row = this.ids.indexOf(factId);
    return row < 0 ? undefined : this.factAt(row);
  }

  /** The facts in the order they were recorded. */
  *entries(): IterableIterator<[string, RecordedFact]> {
    for (let at = 0; at < this.size; at += 1) {
      const row = parseInt(this.recorded.at(at), 36);
      yield [this.ids.at(row), this.factAt(row)];
    }
  }

  private factAt(row: number): RecordedFact {
    const factType = FACT_TYPES[parseInt(this.types[row], 36)];
    const fact: RecordedFact = {
      factType,
      occurredAt: this.occurredAt.at(row),
      retracted: this.retracted.has(row),
    };
    const extra = this.extras.get(row);
    return extra === undefined ? fact : { ...fact, ...structuredCopy(extra) };
  }
}

/** The extras are plain JSON owned by the packed base: hand out copies, never the originals. */
function structuredCopy(extra: FactExtras): FactExtras {
  return {
    ...extra,
    ...(extra.enabledBy && { enabledBy: [...extra.enabledBy] }),
    ...(extra.period && { period: { ...extra.period } }),
  };
}

/**
 * Some of the packed facts' ids, as the rows they are at (base 36, fixed width, ascending, so
 * in id order too): a set of fact ids, such as the delivered outputs, stored without repeating
 * the ids.
 */
export type FactRowsJson = { rows: PackedColumnJson };

/** The rows of these ids among the packed facts, or undefined if one is not a fact there. */
export function factRowsOf(
  facts: PackedFactsJson,
  ids: Iterable<string>,
): FactRowsJson | undefined {
  const column = PackedColumn.unpack(facts.ids);
  const rows: number[] = [];
  for (const id of ids) {
    const row = column.indexOf(id);
    if (row < 0) return undefined;
    rows.push(row);
  }
  rows.sort((a, b) => a - b);
  const width = Math.max(1, (column.size - 1).toString(36).length);
  return { rows: PackedColumn.pack(rows.map((row) => row.toString(36).padStart(width, '0'))) };
}

/** The ids at these rows of the packed facts, as a set's members (see FoldSet.fromMembers). */
export function factRowMembers(facts: PackedFactsJson, json: FactRowsJson): BaseMembers<string> {
  if (typeof json !== 'object' || json === null) throw new TypeError('not fact rows');
  const ids = PackedColumn.unpack(facts.ids);
  const rows = PackedColumn.unpack(json.rows);
  const rowAt = (index: number): number => parseInt(rows.at(index), 36);
  return {
    size: rows.size,
    approximateBytes: rows.approximateBytes,
    has(id: string): boolean {
      const row = ids.indexOf(id);
      if (row < 0) return false;
      let low = 0;
      let high = rows.size - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const found = rowAt(middle);
        if (found === row) return true;
        if (found < row) low = middle + 1;
        else high = middle - 1;
      }
      return false;
    },
    *values(): IterableIterator<string> {
      for (let index = 0; index < rows.size; index += 1) yield ids.at(rowAt(index));
    },
  };
}

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
  static fromPacked(json: PackedFactsJson): RecordedFacts {
    const base = PackedFacts.unpack(json);
    return new RecordedFacts(base, FoldMap.empty(), base.size);
  }

  /** The facts in the compact form a snapshot keeps. */
  static packed(facts: RecordedFacts): PackedFactsJson {
    return PackedFacts.pack(facts.entries());
  }

  get approximateBytes(): number {
    return this.changes.approximateBytes + (this.base?.approximateBytes ?? 0);
  }

  get(factId: string): RecordedFact | undefined {
    return this.changes.get(factId) ?? this.base?.get(factId);
  }

  set(factId: string, fact: RecordedFact): RecordedFacts {
    const known = this.changes.has(factId) || (this.base?.has(factId) ?? false);
    return new RecordedFacts(
      this.base,
      this.changes.set(factId, fact),
      this.size + (known ? 0 : 1),
    );
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

/** Code-unit order (the same in every locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
