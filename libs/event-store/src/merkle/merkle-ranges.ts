import type { LeafRange, MerkleNodeId } from './merkle-node';

/**
 * The pure arithmetic of RFC 9162 §2.1: which subtrees a proof consists of, and which stored
 * perfect subtrees each of them is made of. No hashing and no storage here, so any store
 * (in a transaction, over the network) can fetch the few nodes these name.
 */

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's k. */
export function largestPowerOfTwoBelow(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError('n must be a whole number ≥ 2');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up [start, end), left to right, largest first. Every range a
 * proof names starts at a multiple of a power of two at least as large as its length, so its
 * hash is the right fold of these: H(n1, H(n2, … nk)).
 */
export function perfectNodes(range: LeafRange): MerkleNodeId[] {
  const nodes: MerkleNodeId[] = [];
  let start = range.start;
  let remaining = range.end - range.start;
  while (remaining > 0) {
    let level = Math.floor(Math.log2(remaining));
    while (2 ** level > remaining) level -= 1;
    while (2 ** (level + 1) <= remaining) level += 1;
    const size = 2 ** level;
    nodes.push({ level, index: start / size });
    start += size;
    remaining -= size;
  }
  return nodes;
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1 as ranges, in proof order (nearest the leaf first). */
export function inclusionRanges(leafIndex: number, treeSize: number): LeafRange[] {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) {
    throw new RangeError('the leaf index must be below the tree size');
  }
  const path: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1 as ranges, in proof order. Needs 0 < m ≤ n. */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!(from > 0 && from <= to)) throw new RangeError('a consistency proof needs 0 < from ≤ to');
  const proof: LeafRange[] = [];
  let start = 0;
  let end = to;
  let m = from;
  let complete = true; // b in SUBPROOF(m, D, b)
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      proof.push({ start: start + k, end });
      end = start + k;
    } else {
      proof.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push({ start, end });
  return proof.reverse();
}
