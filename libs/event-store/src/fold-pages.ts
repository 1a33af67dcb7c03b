import type { FoldableEvent } from './foldable-event';
import type { RecordedEvent } from './recorded-event';

/**
 * `readStreamForFold` for an adapter whose reads return whole events anyway (EventStoreDB):
 * its `readStream`, in pages.
 */
export async function* foldPagesOf(
  events: AsyncIterable<RecordedEvent>,
  pageSize: number,
): AsyncGenerator<FoldableEvent[], void, undefined> {
  let page: FoldableEvent[] = [];
  for await (const event of events) {
    const { revision, position, type, data, metadata } = event;
    page.push({ revision, position, type, data, schemaVersion: metadata.schemaVersion, metadata });
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
