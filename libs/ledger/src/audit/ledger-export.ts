import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { toAuditEvent } from './audit-event';
import { ndjsonLine } from './ndjson-line';

/** Events read from the store per query while exporting. */
const EXPORT_PAGE = 1000;
/** Lines are handed on in chunks of about this many characters (fewer, larger writes). */
const CHUNK_CHARS = 64 * 1024;

export interface ExportOptions {
  /** Export the events after this position (exclusive, as the port's readAll); default: all. */
  fromPosition?: string;
  /** Called after each page with the number of events exported so far and the last position. */
  onProgress?: (eventsExported: number, lastPosition: string) => void;
}

/**
 * The whole log as NDJSON: one {@link AuditEvent} per line, in log order. It is a pull-based
 * async iterable: a page is read from the store only when the consumer has taken the previous
 * chunks, so memory stays at about one page however long the log is. Wrap it in
 * `Readable.from` to get backpressure from a socket or a file.
 */
@Injectable()
export class LedgerExport {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async *ndjson(options: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
    let after = options.fromPosition;
    let exported = 0;
    for (;;) {
      // Each page is read to its end before anything is yielded: no store cursor stays open
      // while the consumer is slow.
      let chunk = '';
      const pending: string[] = [];
      let count = 0;
      for await (const event of this.store.readAll({
        fromPosition: after,
        maxCount: EXPORT_PAGE,
      })) {
        chunk += ndjsonLine(toAuditEvent(event));
        if (chunk.length >= CHUNK_CHARS) {
          pending.push(chunk);
          chunk = '';
        }
        count += 1;
        after = event.position;
      }
      if (chunk !== '') pending.push(chunk);
      if (count === 0) return;
      exported += count;
      yield* pending;
      if (after !== undefined) options.onProgress?.(exported, after);
      if (count < EXPORT_PAGE) return;
    }
  }
}
