import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@app/domain';
import {
  ChainReport,
  EVENT_STORE,
  EventStore,
  StreamNotFound,
  verifyChain,
} from '@app/event-store';

/** What the audit route and the CLI answer: the chain report of the store's events. */
export type VerificationReport = ChainReport;

export interface VerifyOptions {
  /** Check one stream (read in revision order) instead of the whole log (read in log order). */
  streamId?: string;
  onProgress?: (eventsChecked: number) => void;
}

/**
 * Recomputes the hash chains from the stored events. Streams through the store a page at a
 * time, so checking the whole log keeps one chain head per stream in memory, not the log.
 */
@Injectable()
export class ChainVerification {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    const { streamId, onProgress } = options;
    if (streamId === undefined) return verifyChain(this.store.readAll(), { onProgress });
    try {
      return await verifyChain(this.store.readStream(streamId), { onProgress });
    } catch (error) {
      if (error instanceof StreamNotFound) throw new NotFound('stream', streamId);
      throw error;
    }
  }
}
