/**
 * Numbering the nodes of an append-only Merkle tree in the order they come into existence:
 * leaf n, then each subtree it completes. The nodes an append creates get the next ids in
 * sequence, so a store keyed by this id only ever appends at the end of its index (one or two
 * pages written per commit, however many levels an append touches).
 */

function popcount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** The id of the perfect subtree at (level, index): 2·last − popcount(last) + level, last its last leaf. */
export function postOrderId(level: number, index: number): number {
  const last = (index + 1) * 2 ** level - 1;
  return 2 * last - popcount(last) + level;
}

/** Nodes stored for a tree of n leaves: 2n − popcount(n). */
export function nodeCount(leaves: number): number {
  return 2 * leaves - popcount(leaves);
}

/** The number of leaves whose tree has exactly `nodes` nodes (nodeCount is strictly increasing). */
export function leavesOf(nodes: number): number {
  let low = Math.floor(nodes / 2);
  let high = nodes;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (nodeCount(mid) < nodes) low = mid + 1;
    else high = mid;
  }
  if (nodeCount(low) !== nodes) throw new Error(`${nodes} nodes is not a whole Merkle tree`);
  return low;
}
