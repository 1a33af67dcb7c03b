import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// The contract suite needs a server for the rest; this part needs none: the page size is
// checked before the client is asked anything.
describe('EventStoreDB readAllPages page size', () => {
  it('refuses a page size that is not a positive integer on the first read, not when called', async () => {
    const store = new EventStoreDbEventStore({} as EventStoreDBClient);
    for (const pageSize of [0, -1, 1.5]) {
      let pages: AsyncIterable<unknown> | undefined;
      expect(() => (pages = store.readAllPages({ pageSize }))).not.toThrow();
      await expect(pages![Symbol.asyncIterator]().next()).rejects.toThrow(RangeError);
    }
  });
});
