/**
 * A child process of the cross-process ordering test: `appenders` concurrent loops, each
 * appending `appends` batches of one to three events to a stream of its own, as fast as the
 * store takes them. Exits 0 when every append was acknowledged.
 *
 * Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *   postgres-appender.ts <url> <label> <appenders> <appends>
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store';

async function main(): Promise<void> {
  const [url, label, appenders, appends] = process.argv.slice(2);
  const store = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  try {
    await Promise.all(
      Array.from({ length: Number(appenders) }, async (_, worker) => {
        const stream = `ordering-${label}${worker}-${randomUUID()}`;
        let revision = -1;
        for (let i = 0; i < Number(appends); i += 1) {
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
  } finally {
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`appender failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
