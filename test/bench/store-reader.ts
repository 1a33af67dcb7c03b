/**
 * One reader of the readAll line of `bench:store`, run in its own child process so its peak
 * RSS is its own. Usage: node store-reader.js <adapter|raw> <file> <pageSize>; prints JSON.
 *
 * It imports the adapter's files directly, not the `@app/event-store` barrel: the barrel also
 * loads the EventStoreDB client, which would add a gRPC stack to the adapter's RSS but not
 * to raw's, and this file is run as plain JavaScript (transpiled by the benchmark) so that the
 * TypeScript compiler does not sit in the measured heap either.
 */
import Database from 'better-sqlite3';
import { SQLITE_SQL } from '../../libs/event-store/src/sqlite/sql';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

export interface ReadResult {
  events: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

async function read(side: string, file: string, pageSize: number): Promise<ReadResult> {
  let events = 0;
  let checksum = 0;
  const started = process.hrtime.bigint();
  if (side === 'adapter') {
    const store = SqliteEventStore.open({ file, pageSize });
    for await (const event of store.readAll()) {
      events += 1;
      checksum += event.revision + event.recordedAt.length + Object.keys(event.data).length;
    }
    await store.close();
  } else {
    // The same paged statement; each row's JSON parsed as the adapter does.
    const db = new Database(file);
    // Raw (array) rows, as the adapter reads them: the cheapest way better-sqlite3 offers.
    const readAll = db.prepare<[number, number], unknown[]>(SQLITE_SQL.readAll).raw();
    let after = 0;
    for (;;) {
      const rows = readAll.all(after, pageSize);
      for (const row of rows) {
        const data = JSON.parse(row[5] as string) as Record<string, unknown>;
        const metadata = JSON.parse(row[6] as string) as { recordedAt: string };
        events += 1;
        checksum += (row[2] as number) + metadata.recordedAt.length + Object.keys(data).length;
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1][0] as number;
    }
    db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (checksum === 0) throw new Error('nothing was read');
  // maxRSS: the peak resident set of this process, in kilobytes.
  return {
    events,
    eventsPerSecond: events / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (require.main === module) {
  const [side, file, pageSize] = process.argv.slice(2);
  read(side, file, Number(pageSize)).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
