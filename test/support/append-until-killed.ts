/**
 * Appends to an embedded store until it is killed (a crash for the recovery specs): 20 writers
 * at once, so group commits hold several appends. Prints `appending` once 50 appends landed.
 * Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register
 *   test/support/append-until-killed.ts <events.db>
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@app/event-store/sqlite';

const store = SqliteEventStore.open({ file: process.argv[2], synchronous: 'NORMAL' });
let landed = 0;

async function writer(n: number): Promise<never> {
  let revision: number | undefined;
  for (let i = 0; ; i += 1) {
    // Appends of one and of three events, so runs of nodes of several sizes are written.
    const events = Array.from({ length: i % 3 === 0 ? 3 : 1 }, () => ({
      eventId: randomUUID(),
      type: 'Noted',
      data: { writer: n },
      metadata: {},
    }));
    const result = await store.append(`writer-${n}`, events, {
      expectedRevision: revision ?? 'no_stream',
    });
    revision = result.revision;
    landed += 1;
    if (landed === 50) process.stdout.write('appending\n');
  }
}

void Promise.all(Array.from({ length: 20 }, (_, n) => writer(n)));
