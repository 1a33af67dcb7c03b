import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../libs/event-store/src/event-store.port';

/**
 * What one appender of the cross-process ordering test writes: `appenders` concurrent loops,
 * each appending `appends` batches of one to three events to a stream of its own, as fast as
 * the store takes them, with the expected revision of its last append.
 */
export async function appendOrderingProbes(
  store: EventStore,
  label: string,
  appenders: number,
  appends: number,
): Promise<void> {
  await Promise.all(
    Array.from({ length: appenders }, async (_, worker) => {
      const stream = `ordering-${label}${worker}-${randomUUID()}`;
      let revision = -1;
      for (let i = 0; i < appends; i += 1) {
        const size = 1 + ((worker + i) % 3);
        const events = Array.from({ length: size }, () => ({
          eventId: randomUUID(),
          type: 'OrderingProbe',
          data: { worker, i },
          metadata: { actor: `ordering:${label}` },
        }));
        const result = await store.append(stream, events, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        });
        revision = result.revision;
      }
    }),
  );
}
