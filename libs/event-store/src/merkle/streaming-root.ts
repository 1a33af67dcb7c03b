import { EMPTY_TREE_ROOT, hashChildren } from './merkle-hash';

/**
 * The root of a log read once from its start, in O(log n) memory: it keeps only the perfect
 * subtrees along the right edge (the "compact range"), merging two of a size as they fill.
 */
export class StreamingRoot {
  private readonly stack: { level: number; hash: Buffer }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  push(leafHash: Buffer): void {
    let node = { level: 0, hash: leafHash };
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined || top.level !== node.level) break;
      this.stack.pop();
      node = { level: node.level + 1, hash: hashChildren(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.leaves += 1;
  }

  /** MTH of every leaf pushed so far. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_TREE_ROOT;
    return this.stack.map((n) => n.hash).reduceRight((right, left) => hashChildren(left, right));
  }
}
