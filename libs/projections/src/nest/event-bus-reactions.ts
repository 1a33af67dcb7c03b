import { ReadModelReader } from '../read-model/read-model-store';

/**
 * What the EventBus feed needs from the process managers that listen to it (they live in their
 * own library: a read model never writes to the log, a process manager does). Optional: a
 * process without process managers feeds the bus and moves the checkpoint at once.
 */
export interface EventBusReactions {
  /** Resolves when the reactions started so far have finished; the feed's checkpoint waits for it. */
  settled(): Promise<void>;
  /**
   * At boot, once the projections have processed the feed's checkpoint `fedPosition`: offer again
   * the reactions a crash cut off (their cause is at or before it), found in `readModels`.
   * Reactions must be idempotent.
   */
  recover(fedPosition: string, readModels: ReadModelReader): Promise<void>;
}

export const EVENT_BUS_REACTIONS = Symbol('EVENT_BUS_REACTIONS');
