import {
  CheckpointStore,
  formatCheckpoint,
  KeptCheckpoint,
  MerkleLog,
  NoteSigner,
  signNote,
} from '@app/event-store';
import type { Clock } from '../clock';

/** Injection token for the process's {@link LogCheckpoints}. */
export const LOG_CHECKPOINTS = Symbol('LOG_CHECKPOINTS');

/**
 * Signs C2SP checkpoints of the Merkle log and keeps every one: a new checkpoint when the log
 * has grown, at most once per interval (0: whenever one is asked for and the log grew).
 */
export class LogCheckpoints {
  constructor(
    private readonly merkle: MerkleLog,
    private readonly kept: CheckpointStore,
    private readonly signer: NoteSigner,
    private readonly origin: string,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  /** The latest signed checkpoint, signing a new one first when the log grew and the interval passed. */
  async latest(): Promise<KeptCheckpoint> {
    const latest = await this.kept.latest();
    if (latest !== undefined && !this.intervalPassed(latest)) return latest;
    return (await this.signIfGrown()) ?? (latest as KeptCheckpoint);
  }

  /** Signs and keeps a checkpoint of the whole tree unless the latest one already covers it. */
  async signIfGrown(): Promise<KeptCheckpoint | undefined> {
    const latest = await this.kept.latest();
    const treeSize = await this.merkle.treeSize();
    if (latest !== undefined && latest.treeSize >= treeSize) return undefined;
    const rootHash = await this.merkle.root(treeSize);
    const body = formatCheckpoint({ origin: this.origin, treeSize, rootHash });
    return this.kept.keep({
      treeSize,
      rootHash,
      note: signNote(body, this.signer),
      signedAt: this.clock.now().toISOString(),
    });
  }

  private intervalPassed(latest: KeptCheckpoint): boolean {
    return this.clock.now().getTime() - Date.parse(latest.signedAt) >= this.intervalMs;
  }
}
