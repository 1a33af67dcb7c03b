// `@app/composition`: what the configuration names, opened — the event store, the read models,
// the Idempotency-Key index. The one place that picks adapters, shared by the composition roots
// (the API, the projector); only apps import it.
export * from './open-event-store';
export * from './open-read-models';
export * from './open-idempotency-store';
