import { randomUUID } from 'node:crypto';

/** Injection token for the source of event and entity ids; tests inject a sequential one. */
export const ID_SOURCE = Symbol('ID_SOURCE');

export interface IdSource {
  /** A new UUID. */
  newId(): string;
}

export const randomIdSource: IdSource = { newId: () => randomUUID() };
