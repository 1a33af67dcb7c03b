import { EventStoreDbEventStore } from '../../libs/event-store/src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from '@app/event-store/testing';

// Runs against a real EventStoreDB server only: the server is never faked or mocked.
const connectionString = process.env.EVENTSTOREDB_CONNECTION_STRING?.trim();
const SUITE = 'EventStoreDB adapter';

if (connectionString) {
  describe(SUITE, () => {
    describeEventStoreContract('eventstoredb', {
      // Every case isolates itself with fresh stream ids, so one shared server is fine.
      async create() {
        return EventStoreDbEventStore.connect(connectionString);
      },
      async reopen(store) {
        await store.close();
        return EventStoreDbEventStore.connect(connectionString);
      },
    });
  });
} else {
  process.stdout.write(
    'EventStoreDB contract cases skipped: EVENTSTOREDB_CONNECTION_STRING is not set. To run them: ' +
      '`docker compose -f docker/compose.yml up -d eventstoredb` then ' +
      '`EVENTSTOREDB_CONNECTION_STRING=esdb://localhost:2113?tls=false npm run test:contract`\n',
  );
  // Registered as skipped (not passed), so the run's totals say they did not run.
  describe.skip(`${SUITE} (skipped: EVENTSTOREDB_CONNECTION_STRING is not set)`, () => {
    describeEventStoreContract('eventstoredb', {
      create: () => Promise.reject(new Error('EVENTSTOREDB_CONNECTION_STRING is not set')),
      reopen: () => Promise.reject(new Error('EVENTSTOREDB_CONNECTION_STRING is not set')),
    });
  });
}
