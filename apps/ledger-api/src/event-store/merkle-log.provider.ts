import { Inject, Injectable, Logger, OnModuleDestroy, Provider } from '@nestjs/common';
import { join } from 'node:path';
import {
  EVENT_STORE,
  EventStore,
  MERKLE_LOG,
  MerkleLog,
  MerkleLogFollower,
} from '@app/event-store';
import { SqliteEventStore, SqliteFollowedTree } from '@app/event-store/sqlite';
import { LedgerConfig } from '@app/config';

/**
 * The follower that keeps the Merkle log of a store that cannot keep it in its appends
 * (EventStoreDB), its tree in `<dataDir>/merkle.db`. Stopped before the store closes.
 */
@Injectable()
export class MerkleFollowerHolder implements OnModuleDestroy {
  private readonly logger = new Logger('MerkleLog');
  readonly follower: MerkleLogFollower | undefined;
  private readonly tree: SqliteFollowedTree | undefined;
  readonly log: MerkleLog;

  constructor(@Inject(EVENT_STORE) store: EventStore, config: LedgerConfig) {
    if (store instanceof SqliteEventStore) {
      this.log = store.merkleLog(); // kept in the append's own transaction
      return;
    }
    this.tree = SqliteFollowedTree.open(join(config.dataDir, 'merkle.db'));
    this.follower = new MerkleLogFollower(store, this.tree, (error) =>
      this.logger.error(
        `the Merkle log follower failed, retrying from its checkpoint: ${String(error)}`,
      ),
    );
    this.follower.start();
    this.log = this.tree.reader();
  }

  async onModuleDestroy(): Promise<void> {
    await this.follower?.close();
    this.tree?.close();
  }
}

export function merkleLogProviders(config: LedgerConfig): Provider[] {
  return [
    {
      provide: MerkleFollowerHolder,
      useFactory: (store: EventStore) => new MerkleFollowerHolder(store, config),
      inject: [EVENT_STORE],
    },
    {
      provide: MERKLE_LOG,
      useFactory: (holder: MerkleFollowerHolder) => holder.log,
      inject: [MerkleFollowerHolder],
    },
  ];
}
