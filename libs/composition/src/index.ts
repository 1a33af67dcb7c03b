// `@app/composition`: what the configuration names, opened — the event store, the read models,
// the Idempotency-Key index, the signed checkpoints, the projections' ownership and signal. The one place that picks adapters, shared by the composition roots
// (the API, the projector); only apps import it.
export * from './open-event-store';
export * from './open-read-models';
export * from './open-idempotency-store';
export * from './open-checkpoint-store';
export * from './open-projection-ownership';
export * from './open-checkpoint-signal';
