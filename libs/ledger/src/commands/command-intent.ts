/**
 * A domain command as the HTTP edge can state it: the same `type` and data, minus the ids the
 * handler generates (the aggregate's own id, new entity ids), which must come from the injected
 * IdSource or from the Idempotency-Key, never from the edge.
 */
export type CommandIntent<
  C extends { type: string; data: object },
  Generated extends string,
> = C extends unknown ? { type: C['type']; data: Omit<C['data'], Generated> } : never;
