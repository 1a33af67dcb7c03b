import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointStore,
  EventStore,
  KeptCheckpoint,
  MerkleLog,
  NoteSigner,
  resolveSigningKey,
} from '@app/event-store';
import { SqliteEventStore, SqliteFollowedTree } from '@app/event-store/sqlite';
import { LogCheckpoints, systemClock } from '@app/ledger';
import { openCheckpointStore } from '@app/composition';
import { LedgerConfig } from '@app/config';
import { CliError } from './cli-error';

/**
 * What the auditor's commands need besides the events: the Merkle log (the embedded store's
 * own, or the tree the API's follower keeps in the data dir), the kept checkpoints and, when
 * the ledger's key is at hand, the signer (to sign a checkpoint the log has outgrown).
 */
export class AuditLog {
  private constructor(
    readonly merkle: MerkleLog,
    private readonly kept: CheckpointStore,
    readonly signer: NoteSigner | undefined,
    private readonly origin: string,
    private readonly closeTree: () => void,
  ) {}

  static open(config: LedgerConfig, store: EventStore): AuditLog {
    let merkle: MerkleLog;
    let closeTree = (): void => undefined;
    if (store instanceof SqliteEventStore) {
      merkle = store.merkleLog();
    } else {
      const file = join(config.dataDir, 'merkle.db');
      if (!existsSync(file)) {
        throw new CliError(`no Merkle log at ${file}: start the ledger API on this store first`);
      }
      const tree = SqliteFollowedTree.open(file);
      merkle = tree.reader();
      closeTree = () => tree.close();
    }
    const signer = resolveSigningKey({
      configuredKey: config.signingKey,
      dataDir: config.dataDir,
      keyName: config.logOrigin,
      create: false, // only the API makes the ledger's key
    })?.signer;
    const kept = openCheckpointStore(config.dataDir);
    return new AuditLog(merkle, kept, signer, config.logOrigin, closeTree);
  }

  /** The latest checkpoint: a newly signed one when the log has grown and the key is here. */
  async latestCheckpoint(): Promise<KeptCheckpoint> {
    if (this.signer !== undefined) {
      return new LogCheckpoints(
        this.merkle,
        this.kept,
        this.signer,
        this.origin,
        0,
        systemClock,
      ).latest();
    }
    const latest = await this.kept.latest();
    if (latest === undefined) {
      throw new CliError(
        'no checkpoint has been signed yet and the signing key is not here (start the ledger API once, or set LEDGER_SIGNING_KEY)',
      );
    }
    return latest;
  }

  close(): void {
    this.kept.close();
    this.closeTree();
  }
}
