import type { MerkleNode, MerkleNodeId } from './merkle-node';
import type { MerkleNodeStore } from './merkle-node-store.port';

/** The tree in memory: for recomputing a log's roots while verifying it, and for tests. */
export class InMemoryMerkleNodeStore implements MerkleNodeStore {
  private readonly levels: Buffer[][] = [];
  private leaves = 0;

  size(): number {
    return this.leaves;
  }

  nodes(ids: readonly MerkleNodeId[]): Buffer[] {
    return ids.map(({ level, index }) => {
      const hash = this.levels[level]?.[index];
      if (hash === undefined) throw new Error(`Merkle node ${level}/${index} is missing`);
      return hash;
    });
  }

  add(nodes: readonly MerkleNode[], newSize: number): void {
    for (const { level, index, hash } of nodes) (this.levels[level] ??= [])[index] = hash;
    this.leaves = newSize;
  }
}
