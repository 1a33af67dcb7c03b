// `@app/event-store/eventstoredb`: the EventStoreDB store, chosen by a composition root. Not
// the adapter itself: it loads the gRPC client (about 200 ms at start), which a SQLite ledger
// never needs; connectEventStoreDb loads it on first use.
export * from './connect-eventstoredb';
export type { EventStoreDbEventStore } from './eventstoredb-event-store';
