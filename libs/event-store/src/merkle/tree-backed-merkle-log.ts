import type { MerkleLog } from './merkle-log.port';
import type { MerkleTree } from './merkle-tree';

/** The async face of a synchronous tree, with the adapter's own position → leaf index mapping. */
export class TreeBackedMerkleLog implements MerkleLog {
  /**
   * @param untilDurable what to wait for before showing a tree of some size, if anything: the
   *   embedded store's tree grows at COMMIT, before the fsync that makes its leaves durable, and
   *   a signed checkpoint must never name a leaf that a power loss could take back
   */
  constructor(
    private readonly tree: MerkleTree,
    private readonly leafIndexOfPosition: (position: string) => number | undefined,
    private readonly untilDurable?: (treeSize: number) => Promise<void> | undefined,
  ) {}

  async treeSize(): Promise<number> {
    const size = this.tree.size();
    await this.untilDurable?.(size);
    return size;
  }

  async root(treeSize: number): Promise<Buffer> {
    await this.untilDurable?.(treeSize);
    return this.tree.root(treeSize);
  }

  async leafIndexOf(position: string): Promise<number | undefined> {
    return this.leafIndexOfPosition(position);
  }

  async leafHash(leafIndex: number): Promise<Buffer> {
    await this.untilDurable?.(leafIndex + 1);
    return this.tree.leafHash(leafIndex);
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<Buffer[]> {
    await this.untilDurable?.(treeSize);
    return this.tree.inclusionProof(leafIndex, treeSize);
  }

  async consistencyProof(from: number, to: number): Promise<Buffer[]> {
    await this.untilDurable?.(to);
    return this.tree.consistencyProof(from, to);
  }
}
