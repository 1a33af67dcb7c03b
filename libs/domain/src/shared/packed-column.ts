/**
 * A list of strings as a snapshot keeps it: when all have one length (ids, instants), packed
 * into a single string, so restoring 100,000 of them parses one JSON string, not 100,000.
 * Unlike PackedStrings it keeps the given order and duplicates (a column of a table).
 */
export type PackedColumnJson = { width: number; packed: string } | { values: string[] };

export class PackedColumn {
  private constructor(
    private readonly width: number,
    private readonly packed: string,
    private readonly values: readonly string[] | undefined,
    readonly size: number,
  ) {}

  static pack(values: readonly string[]): PackedColumnJson {
    const width = values[0]?.length ?? 0;
    if (width > 0 && values.every((value) => value.length === width)) {
      return { width, packed: values.join('') };
    }
    return { values: [...values] };
  }

  /** Throws on JSON that {@link pack} did not write. */
  static unpack(json: PackedColumnJson): PackedColumn {
    if (typeof json !== 'object' || json === null) throw new TypeError('not a packed column');
    if ('packed' in json) {
      const { width, packed } = json;
      if (!Number.isSafeInteger(width) || width <= 0 || typeof packed !== 'string') {
        throw new TypeError('not a packed column');
      }
      if (packed.length % width !== 0) throw new TypeError('not a packed column');
      return new PackedColumn(width, packed, undefined, packed.length / width);
    }
    if (!Array.isArray(json.values) || json.values.some((value) => typeof value !== 'string')) {
      throw new TypeError('not a packed column');
    }
    return new PackedColumn(0, '', json.values, json.values.length);
  }

  get approximateBytes(): number {
    return this.values === undefined ? 2 * this.packed.length : this.values.length * 64;
  }

  at(index: number): string {
    return this.values === undefined
      ? this.packed.slice(index * this.width, (index + 1) * this.width)
      : this.values[index];
  }

  /** Where a value is in a column sorted in code-unit order (bisection), or -1. */
  indexOf(value: string): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.at(middle);
      if (found === value) return middle;
      if (found < value) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
