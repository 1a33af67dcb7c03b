import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, EventStore, MERKLE_LOG } from '@app/event-store';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { merkleLogProviders } from './merkle-log.provider';
import { openEventStore } from './open-event-store';

/**
 * Closes the store last: `onApplicationShutdown` runs after every module's `onModuleDestroy`
 * and `beforeApplicationShutdown`, so projections and sagas stop reading before it goes.
 */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the one EventStore of the process (token EVENT_STORE), its Merkle log and the configuration. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        EventStoreCloser,
        ...merkleLogProviders(config),
      ],
      exports: [LEDGER_CONFIG, EVENT_STORE, MERKLE_LOG],
    };
  }
}
