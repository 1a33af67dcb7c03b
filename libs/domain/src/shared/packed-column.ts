/**
 * A list of strings as a snapshot keeps it: when all have one length (ids, instants), packed
 * into a single string, so restoring 100,000 of them parses one JSON string, not 100,000.
 * Unlike PackedStrings it keeps the given order and duplicates (a column of a table).
 */
export type PackedColumnJson = { width: number; packed: string } | { values: string[] };

export class PackedColumn {
  private constructor(
    /** The length of every value when packed; 0 when kept as an array. */
    readonly width: number,
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

  /** The JSON this column was unpacked from (shared, not copied: both are immutable). */
  toJson(): PackedColumnJson {
    return this.values === undefined
      ? { width: this.width, packed: this.packed }
      : { values: this.values as string[] };
  }

  /**
   * This column with `more` values after its own, as JSON: one string concatenation when they
   * share its width (V8 concatenates without copying until the string is read), so appending
   * k values to a packed column of n costs O(k), not O(n).
   */
  appended(more: readonly string[]): PackedColumnJson {
    if (more.length === 0) return this.toJson();
    if (this.size === 0) return PackedColumn.pack(more);
    if (this.values === undefined && more.every((value) => value.length === this.width)) {
      return { width: this.width, packed: this.packed + more.join('') };
    }
    return PackedColumn.pack([...this.all(), ...more]);
  }

  /** This column with the value at `index` replaced, as JSON (O(n): for rare changes). */
  replaced(index: number, value: string): PackedColumnJson {
    if (this.values === undefined && value.length === this.width) {
      const start = index * this.width;
      return {
        width: this.width,
        packed: this.packed.slice(0, start) + value + this.packed.slice(start + this.width),
      };
    }
    const all = this.all();
    all[index] = value;
    return PackedColumn.pack(all);
  }

  get approximateBytes(): number {
    return this.values === undefined ? 2 * this.packed.length : this.values.length * 64;
  }

  at(index: number): string {
    return this.values === undefined
      ? this.packed.slice(index * this.width, (index + 1) * this.width)
      : this.values[index];
  }

  /**
   * The order of the value at `index` against `value` (code units; negative: it is below),
   * read in place: a bisection over 100,000 ids allocates no string.
   */
  compareAt(index: number, value: string): number {
    if (this.values !== undefined) {
      const found = this.values[index];
      return found < value ? -1 : found > value ? 1 : 0;
    }
    const start = index * this.width;
    const shared = Math.min(this.width, value.length);
    for (let k = 0; k < shared; k += 1) {
      const difference = this.packed.charCodeAt(start + k) - value.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return this.width - value.length;
  }

  /** The value at `index` read as a base-36 number (lower-case digits), in place. */
  base36At(index: number): number {
    if (this.values !== undefined) return parseInt(this.values[index], 36);
    const start = index * this.width;
    let number = 0;
    for (let k = 0; k < this.width; k += 1) {
      const code = this.packed.charCodeAt(start + k);
      number = number * 36 + (code <= 57 ? code - 48 : code - 87);
    }
    return number;
  }

  /** Every value, in order. */
  all(): string[] {
    const all = new Array<string>(this.size);
    for (let index = 0; index < this.size; index += 1) all[index] = this.at(index);
    return all;
  }

  /** Where a value is in a column sorted in code-unit order (bisection), or -1. */
  indexOf(value: string): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compareAt(middle, value);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
