import { PackedColumn, PackedColumnJson } from '../shared/packed-column';
import { RecordedFact } from './recorded-fact';
import { RetractableFactType } from './relationship.events';

/** What a fact holds beyond its type, time and retraction (outcomes' outputs, periods). */
export type FactExtras = Omit<RecordedFact, 'factType' | 'occurredAt' | 'retracted'>;

/**
 * Facts as a snapshot keeps them: by column, in the order they were recorded, so a fact's
 * position never changes and the next snapshot appends to these columns instead of packing
 * every fact again; restoring 100,000 facts parses a handful of long strings, not 100,000
 * objects. A lookup by id is a bisection over `byId`.
 */
export interface PackedFactsJson {
  /** The fact ids, in the order recorded. */
  ids: PackedColumnJson;
  /** Each fact's type, one character per fact: its index in FACT_TYPES, in base 36. */
  types: string;
  occurredAt: PackedColumnJson;
  /** The positions (base 36, {@link positionWidth} wide) sorted by fact id, code-unit order. */
  byId: PackedColumnJson;
  /** Positions of retracted facts, ascending. */
  retracted: number[];
  /** Facts with more than type, time and retraction, by position, ascending. */
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

/**
 * How many base-36 digits a position takes among `size` facts: at least 4 (1.68 million
 * facts), so a growing relationship keeps one width and its index is merged, not rebuilt.
 */
export function positionWidth(size: number): number {
  return Math.max(4, Math.max(0, size - 1).toString(36).length);
}

export function encodePosition(position: number, width: number): string {
  return position.toString(36).padStart(width, '0');
}

/** The facts a state was restored with: read in place, never rebuilt into a map. */
export class PackedFacts {
  private lastId: string | undefined;
  private lastPosition = -1;

  private constructor(
    private readonly json: PackedFactsJson,
    private readonly ids: PackedColumn,
    private readonly occurredAt: PackedColumn,
    private readonly byId: PackedColumn,
    private readonly retracted: ReadonlySet<number>,
    private readonly extras: ReadonlyMap<number, FactExtras>,
  ) {}

  /** Packs every fact: O(n log n), for a state that was not restored from a snapshot. */
  static pack(entries: Iterable<readonly [string, RecordedFact]>): PackedFactsJson {
    const ids: string[] = [];
    const types: string[] = [];
    const occurredAt: string[] = [];
    const retracted: number[] = [];
    const extras: [number, FactExtras][] = [];
    for (const [factId, fact] of entries) {
      const position = ids.length;
      ids.push(factId);
      types.push(typeCode(fact.factType));
      occurredAt.push(fact.occurredAt);
      if (fact.retracted) retracted.push(position);
      const extra = extrasOf(fact);
      if (extra !== undefined) extras.push([position, extra]);
    }
    return {
      ids: PackedColumn.pack(ids),
      types: types.join(''),
      occurredAt: PackedColumn.pack(occurredAt),
      byId: PackedColumn.pack(positionsById(ids)),
      retracted,
      extras,
    };
  }

  /** Throws on JSON that {@link pack} did not write. */
  static unpack(json: PackedFactsJson): PackedFacts {
    if (typeof json !== 'object' || json === null) throw new TypeError('not packed facts');
    const ids = PackedColumn.unpack(json.ids);
    const occurredAt = PackedColumn.unpack(json.occurredAt);
    const byId = PackedColumn.unpack(json.byId);
    if (
      typeof json.types !== 'string' ||
      json.types.length !== ids.size ||
      occurredAt.size !== ids.size ||
      byId.size !== ids.size ||
      (byId.size > 0 && byId.width !== positionWidth(ids.size)) ||
      !Array.isArray(json.retracted) ||
      !Array.isArray(json.extras)
    ) {
      throw new TypeError('not packed facts');
    }
    return new PackedFacts(
      json,
      ids,
      occurredAt,
      byId,
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
      this.byId.approximateBytes +
      2 * this.json.types.length +
      64 * (this.retracted.size + this.extras.size)
    );
  }

  /** The position of a fact, or -1. */
  indexOf(factId: string): number {
    // One event or command asks for the same id several times in a row (the facts, the
    // delivered outputs, decide's checks): the last answer is kept (the facts never change).
    if (factId === this.lastId) return this.lastPosition;
    const row = this.lowerBound(factId, 0);
    const position = row < this.size ? this.byId.base36At(row) : -1;
    this.lastId = factId;
    this.lastPosition = position >= 0 && this.ids.compareAt(position, factId) === 0 ? position : -1;
    return this.lastPosition;
  }

  has(factId: string): boolean {
    return this.indexOf(factId) >= 0;
  }

  get(factId: string): RecordedFact | undefined {
    const position = this.indexOf(factId);
    return position < 0 ? undefined : this.factAt(position);
  }

  idAt(position: number): string {
    return this.ids.at(position);
  }

  /** The facts in the order they were recorded. */
  *entries(): IterableIterator<[string, RecordedFact]> {
    for (let position = 0; position < this.size; position += 1) {
      yield [this.ids.at(position), this.factAt(position)];
    }
  }

  /**
   * These facts with `changes` applied (facts recorded since, and new versions of these: a
   * retraction), as JSON: the columns appended to and the id index merged, O(k log n) for k
   * changes plus string concatenation. Undefined when that does not fit — a known fact's type or
   * time changed (no decider does that), or the positions outgrow their width — and the
   * facts must be packed in full.
   */
  appended(changes: Iterable<readonly [string, RecordedFact]>): PackedFactsJson | undefined {
    if (this.size === 0) return undefined;
    const ids: string[] = [];
    const types: string[] = [];
    const occurredAt: string[] = [];
    let retracted: Set<number> | undefined;
    let extras: Map<number, FactExtras> | undefined;
    for (const [factId, fact] of changes) {
      let position = this.indexOf(factId);
      if (position < 0) {
        position = this.size + ids.length;
        ids.push(factId);
        types.push(typeCode(fact.factType));
        occurredAt.push(fact.occurredAt);
      } else if (
        this.json.types[position] !== typeCode(fact.factType) ||
        this.occurredAt.at(position) !== fact.occurredAt
      ) {
        return undefined;
      }
      if (fact.retracted !== this.retracted.has(position)) {
        retracted ??= new Set(this.retracted);
        if (fact.retracted) retracted.add(position);
        else retracted.delete(position);
      }
      const extra = extrasOf(fact);
      if (!sameExtras(extra, this.extras.get(position))) {
        extras ??= new Map(this.extras);
        if (extra === undefined) extras.delete(position);
        else extras.set(position, extra);
      }
    }
    const width = positionWidth(this.size);
    if (positionWidth(this.size + ids.length) !== width) return undefined;
    return {
      ids: this.ids.appended(ids),
      types: this.json.types + types.join(''),
      occurredAt: this.occurredAt.appended(occurredAt),
      byId: this.mergedIndex(ids, width),
      retracted: retracted === undefined ? this.json.retracted : [...retracted].sort(byNumber),
      extras:
        extras === undefined ? this.json.extras : [...extras].sort((a, b) => byNumber(a[0], b[0])),
    };
  }

  /** The id index with facts appended at the positions after these: k bisections, k slices. */
  private mergedIndex(added: readonly string[], width: number): PackedColumnJson {
    if (added.length === 0) return this.byId.toJson();
    const order = added.map((_, at) => at).sort((a, b) => compare(added[a], added[b]));
    const packed = (this.byId.toJson() as { packed: string }).packed;
    const pieces: string[] = [];
    let from = 0;
    for (const at of order) {
      const row = this.lowerBound(added[at], from);
      pieces.push(packed.slice(from * width, row * width), encodePosition(this.size + at, width));
      from = row;
    }
    pieces.push(packed.slice(from * width));
    return { width, packed: pieces.join('') };
  }

  /** The first row of the id index at or after `from` whose id is not below `factId`. */
  private lowerBound(factId: string, from: number): number {
    let low = from;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ids.compareAt(this.byId.base36At(middle), factId) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private factAt(position: number): RecordedFact {
    const factType = FACT_TYPES[parseInt(this.json.types[position], 36)];
    const fact: RecordedFact = {
      factType,
      occurredAt: this.occurredAt.at(position),
      retracted: this.retracted.has(position),
    };
    const extra = this.extras.get(position);
    return extra === undefined ? fact : { ...fact, ...structuredCopy(extra) };
  }
}

function typeCode(factType: RetractableFactType): string {
  return FACT_TYPES.indexOf(factType).toString(36);
}

function extrasOf(fact: RecordedFact): FactExtras | undefined {
  const { factType: _type, occurredAt: _at, retracted: _retracted, ...extra } = fact;
  return Object.keys(extra).length > 0 ? extra : undefined;
}

function sameExtras(a: FactExtras | undefined, b: FactExtras | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The extras are plain JSON owned by the packed base: hand out copies, never the originals. */
export function structuredCopy(extra: FactExtras): FactExtras {
  return {
    ...extra,
    ...(extra.enabledBy && { enabledBy: [...extra.enabledBy] }),
    ...(extra.period && { period: { ...extra.period } }),
  };
}

/**
 * The positions of these ids sorted by id. Ids of one width (the usual case) are sorted with
 * their position appended, by the engine's own string order: several times faster than a
 * comparator over indexes at 100,000 ids.
 */
function positionsById(ids: readonly string[]): string[] {
  const width = positionWidth(ids.length);
  const idWidth = ids[0]?.length ?? 0;
  if (idWidth > 0 && ids.every((id) => id.length === idWidth)) {
    const keyed = ids.map((id, position) => id + encodePosition(position, width));
    keyed.sort();
    return keyed.map((key) => key.slice(idWidth));
  }
  return ids
    .map((_, position) => position)
    .sort((a, b) => compare(ids[a], ids[b]))
    .map((position) => encodePosition(position, width));
}

/** Code-unit order (the same in every locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
