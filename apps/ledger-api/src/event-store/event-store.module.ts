import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, EventStore, MERKLE_LOG } from '@app/event-store';
import { DataDirLock } from '@app/event-store/sqlite';

/** The data dir lock this process holds (null when the app was built without one). */
const DATA_DIR_LOCK = Symbol('DATA_DIR_LOCK');
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { merkleLogProviders } from './merkle-log.provider';
import { openEventStore } from '@app/composition';

/**
 * Closes the store last: `onApplicationShutdown` runs after every module's `onModuleDestroy`
 * and `beforeApplicationShutdown`, so projections and sagas stop reading before it goes.
 */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_DIR_LOCK) private readonly lock: DataDirLock | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** Provides the one EventStore of the process (token EVENT_STORE), its Merkle log and the configuration. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(config: LedgerConfig, dataDirLock?: DataDirLock): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: DATA_DIR_LOCK, useValue: dataDirLock ?? null },
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        EventStoreCloser,
        ...merkleLogProviders(config),
      ],
      exports: [LEDGER_CONFIG, EVENT_STORE, MERKLE_LOG],
    };
  }
}
