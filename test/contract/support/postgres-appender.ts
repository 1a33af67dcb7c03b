/**
 * A child process of the cross-process ordering test: appends what `appendOrderingProbes`
 * describes. Exits 0 when every append was acknowledged.
 *
 * Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *   postgres-appender.ts <url> <label> <appenders> <appends>
 */
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store';
import { appendOrderingProbes } from './ordering-probes';

async function main(): Promise<void> {
  const [url, label, appenders, appends] = process.argv.slice(2);
  const store = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  try {
    await appendOrderingProbes(store, label, Number(appenders), Number(appends));
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
