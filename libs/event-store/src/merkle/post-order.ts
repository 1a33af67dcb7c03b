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

/**
 * The post-order ids of the perfect subtrees a tree of `leaves` leaves is made of, largest
 * first: its right edge, where the next append finds every left sibling it needs.
 */
export function rightEdge(leaves: number): number[] {
  const ids: number[] = [];
  let width = 1;
  let level = 0;
  while (width * 2 <= leaves) {
    width *= 2;
    level += 1;
  }
  for (let start = 0; start < leaves; width /= 2, level -= 1) {
    if (leaves - start < width) continue;
    ids.push(postOrderId(level, start / width));
    start += width;
  }
  return ids;
}
