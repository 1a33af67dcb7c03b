import type { MerkleLog } from './merkle-log.port';
import type { MerkleTree } from './merkle-tree';

/** The async face of a synchronous tree, with the adapter's own position → leaf index mapping. */
export class TreeBackedMerkleLog implements MerkleLog {
  constructor(
    private readonly tree: MerkleTree,
    private readonly leafIndexOfPosition: (position: string) => number | undefined,
  ) {}

  async treeSize(): Promise<number> {
    return this.tree.size();
  }

  async root(treeSize: number): Promise<Buffer> {
    return this.tree.root(treeSize);
  }

  async leafIndexOf(position: string): Promise<number | undefined> {
    return this.leafIndexOfPosition(position);
  }

  async leafHash(leafIndex: number): Promise<Buffer> {
    return this.tree.leafHash(leafIndex);
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<Buffer[]> {
    return this.tree.inclusionProof(leafIndex, treeSize);
  }

  async consistencyProof(from: number, to: number): Promise<Buffer[]> {
    return this.tree.consistencyProof(from, to);
  }
}
