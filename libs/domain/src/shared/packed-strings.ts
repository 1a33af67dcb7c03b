/**
 * A set of strings as a snapshot keeps it: sorted, and — when all have one length, as ids do —
 * packed into a single string. Restoring 100,000 ids is then one JSON string, not 100,000
 * entries to parse and hash; membership is a bisection.
 */
export type PackedStringsJson = { width: number; packed: string } | { sorted: string[] };

export class PackedStrings {
  private constructor(
    private readonly width: number,
    private readonly packed: string,
    private readonly sorted: readonly string[] | undefined,
    readonly size: number,
  ) {}

  static pack(values: Iterable<string>): PackedStringsJson {
    const sorted = [...new Set(values)].sort(compare);
    const width = sorted[0]?.length ?? 0;
    if (width > 0 && sorted.every((value) => value.length === width)) {
      return { width, packed: sorted.join('') };
    }
    return { sorted };
  }

  /** Throws on JSON that {@link pack} did not write. */
  static unpack(json: PackedStringsJson): PackedStrings {
    if ('packed' in json) {
      const { width, packed } = json;
      if (!Number.isSafeInteger(width) || width <= 0 || typeof packed !== 'string') {
        throw new TypeError('not a packed string set');
      }
      if (packed.length % width !== 0) throw new TypeError('not a packed string set');
      return new PackedStrings(width, packed, undefined, packed.length / width);
    }
    if (!Array.isArray(json.sorted) || json.sorted.some((value) => typeof value !== 'string')) {
      throw new TypeError('not a sorted string set');
    }
    return new PackedStrings(0, '', json.sorted, json.sorted.length);
  }

  get approximateBytes(): number {
    return this.sorted === undefined ? 2 * this.packed.length : this.sorted.length * 64;
  }

  has(value: string): boolean {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compare(this.at(middle), value);
      if (order === 0) return true;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  *values(): IterableIterator<string> {
    for (let i = 0; i < this.size; i += 1) yield this.at(i);
  }

  private at(index: number): string {
    return this.sorted === undefined
      ? this.packed.slice(index * this.width, (index + 1) * this.width)
      : this.sorted[index];
  }
}

/** Code-unit order (the same in every locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
