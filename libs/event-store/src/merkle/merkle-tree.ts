import { EMPTY_TREE_ROOT, hashChildren } from './merkle-hash';
import type { LeafRange, MerkleNode } from './merkle-node';
import type { MerkleNodeStore } from './merkle-node-store.port';
import { consistencyRanges, inclusionRanges, perfectNodes } from './merkle-ranges';

/**
 * An append-only RFC 9162 Merkle tree kept as its perfect subtrees. Appending a leaf stores it
 * and the subtrees it completes (two nodes per leaf on average); a root or a proof reads
 * O(log n) stored nodes and hashes O(log n) times, never a pass over the log.
 */
export class MerkleTree {
  constructor(private readonly store: MerkleNodeStore) {}

  size(): number {
    return this.store.size();
  }

  /** Appends leaf hashes (already hashed with 0x00); returns the new size. */
  append(leafHashes: readonly Buffer[]): number {
    const start = this.store.size();
    const created: MerkleNode[] = [];
    // The right edge of what this call built: perfect subtrees, levels strictly decreasing.
    // A left sibling is on it, or (built by an earlier append) read from the store.
    const edge: MerkleNode[] = [];
    for (let offset = 0; offset < leafHashes.length; offset += 1) {
      let node: MerkleNode = { level: 0, index: start + offset, hash: leafHashes[offset] };
      created.push(node);
      while (node.index % 2 === 1) {
        const top = edge[edge.length - 1];
        const left =
          top !== undefined && top.level === node.level
            ? (edge.pop() as MerkleNode).hash
            : this.store.nodes([{ level: node.level, index: node.index - 1 }])[0];
        node = {
          level: node.level + 1,
          index: (node.index - 1) / 2,
          hash: hashChildren(left, node.hash),
        };
        created.push(node);
      }
      edge.push(node);
    }
    const size = start + leafHashes.length;
    this.store.add(created, size);
    return size;
  }

  /** MTH(D[0:treeSize]). */
  root(treeSize: number): Buffer {
    this.assertWithin(treeSize);
    return treeSize === 0 ? EMPTY_TREE_ROOT : this.rangeHashes([{ start: 0, end: treeSize }])[0];
  }

  /** The leaf hash at `leafIndex` (what an inclusion proof proves). */
  leafHash(leafIndex: number): Buffer {
    this.assertWithin(leafIndex + 1);
    return this.store.nodes([{ level: 0, index: leafIndex }])[0];
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves. */
  inclusionProof(leafIndex: number, treeSize: number): Buffer[] {
    this.assertWithin(treeSize);
    return this.rangeHashes(inclusionRanges(leafIndex, treeSize));
  }

  /** RFC 9162 §2.1.4.1 consistency proof from `from` to `to` leaves (empty when from = to). */
  consistencyProof(from: number, to: number): Buffer[] {
    this.assertWithin(to);
    return this.rangeHashes(consistencyRanges(from, to));
  }

  /** The subtree hash of each range, reading all the stored nodes they need in one call. */
  private rangeHashes(ranges: readonly LeafRange[]): Buffer[] {
    const parts = ranges.map(perfectNodes);
    const hashes = this.store.nodes(parts.flat());
    let next = 0;
    return parts.map((nodes) => {
      const own = hashes.slice(next, next + nodes.length);
      next += nodes.length;
      return own.reduceRight((right, left) => hashChildren(left, right));
    });
  }

  private assertWithin(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.store.size()) {
      throw new RangeError(`tree size ${treeSize} is beyond the log (${this.store.size()} leaves)`);
    }
  }
}
