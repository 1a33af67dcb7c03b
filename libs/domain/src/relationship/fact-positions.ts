import { BaseMembers } from '../shared/fold-set';
import { PackedColumn, PackedColumnJson } from '../shared/packed-column';
import { encodePosition, PackedFacts, positionWidth } from './packed-facts';

/**
 * A set of fact ids, such as the delivered outputs, as the positions of those facts among the
 * packed facts (base 36, fixed width, ascending): stored without repeating the ids, and
 * extended by the next snapshot without being packed again (positions never change).
 */
export type FactPositionsJson = { positions: PackedColumnJson };

/** A set restored from {@link FactPositionsJson}: read in place (see FoldSet.fromMembers). */
export class FactPositions implements BaseMembers<string> {
  private constructor(
    private readonly facts: PackedFacts,
    private readonly positions: PackedColumn,
  ) {}

  /** The positions of these ids among `facts`, or undefined if one is not a fact there. */
  static of(facts: PackedFacts, ids: Iterable<string>): FactPositionsJson | undefined {
    // One pass over the facts rather than a bisection per id: this packs a whole set.
    const positionOf = new Map<string, number>();
    for (let position = 0; position < facts.size; position += 1) {
      positionOf.set(facts.idAt(position), position);
    }
    const positions: number[] = [];
    for (const id of ids) {
      const position = positionOf.get(id);
      if (position === undefined) return undefined;
      positions.push(position);
    }
    return FactPositions.json(positions, positionWidth(facts.size));
  }

  /** Throws on JSON that {@link of} did not write, or that does not fit these facts. */
  static unpack(facts: PackedFacts, json: FactPositionsJson): FactPositions {
    if (typeof json !== 'object' || json === null) throw new TypeError('not fact positions');
    const positions = PackedColumn.unpack(json.positions);
    if (positions.size > 0 && positions.width !== positionWidth(facts.size)) {
      throw new TypeError('not fact positions of these facts');
    }
    return new FactPositions(facts, positions);
  }

  get size(): number {
    return this.positions.size;
  }

  get approximateBytes(): number {
    return this.positions.approximateBytes;
  }

  has(id: string): boolean {
    const position = this.facts.indexOf(id);
    return position >= 0 && this.hasPosition(position);
  }

  *values(): IterableIterator<string> {
    for (let index = 0; index < this.positions.size; index += 1) {
      yield this.facts.idAt(this.positions.base36At(index));
    }
  }

  /**
   * This set with `changes` (true: added, false: removed) as positions among `facts` — these
   * facts or the same ones with more appended — in O(k log n) when only facts recorded after
   * its last member were added (the usual case). Undefined if a member is not a fact there.
   */
  appended(
    facts: PackedFacts,
    changes: Iterable<readonly [string, boolean]>,
  ): FactPositionsJson | undefined {
    const width = positionWidth(facts.size);
    if (this.positions.size > 0 && this.positions.width !== width) return undefined;
    const added: number[] = [];
    const removed = new Set<string>();
    for (const [id, present] of changes) {
      const position = facts.indexOf(id);
      if (position < 0) return undefined;
      if (present && !this.hasPosition(position)) added.push(position);
      if (!present && this.hasPosition(position)) removed.add(encodePosition(position, width));
    }
    added.sort((a, b) => a - b);
    const last = this.positions.size > 0 ? this.positions.at(this.positions.size - 1) : '';
    const codes = added.map((position) => encodePosition(position, width));
    if (removed.size === 0 && (codes.length === 0 || codes[0] > last)) {
      return { positions: this.positions.appended(codes) };
    }
    const kept = this.positions.all().filter((code) => !removed.has(code));
    return { positions: PackedColumn.pack([...kept, ...codes].sort()) };
  }

  private static json(positions: number[], width: number): FactPositionsJson {
    positions.sort((a, b) => a - b);
    return { positions: PackedColumn.pack(positions.map((p) => encodePosition(p, width))) };
  }

  private hasPosition(position: number): boolean {
    let low = 0;
    let high = this.positions.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.positions.base36At(middle);
      if (found === position) return true;
      if (found < position) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}
