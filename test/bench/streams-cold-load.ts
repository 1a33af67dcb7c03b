/**
 * The cold load of issue 15 alone, quickly: `grow DIR N` appends N events to one relationship
 * through the command handlers (no HTTP, no projections, synchronous=NORMAL, snapshots off, so
 * a 100,000-event stream takes about a minute instead of the 12 of `npm run bench:streams`);
 * `full DIR ID` deletes its snapshot and times one DeliverOutput (the whole stream folded);
 * `snap DIR ID` times one on the snapshot the previous command left (synchronous=FULL).
 * Run each in a fresh process:
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     test/bench/streams-cold-load.ts grow /tmp/d 100000
 * Prints one JSON line per timed command. Not a test; medians are taken by hand.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { InMemoryIdempotencyStore } from '../../libs/ledger/src/idempotency/in-memory-idempotency-store';
import { AggregateSnapshots } from '../../libs/ledger/src/commands/aggregate-snapshots';
import { AggregateStateCache } from '../../libs/ledger/src/commands/aggregate-state-cache';
import { CommandPipeline } from '../../libs/ledger/src/commands/command-pipeline';
import { ExecuteOrganizationCommand } from '../../libs/ledger/src/commands/organization.command';
import { OrganizationCommandHandler } from '../../libs/ledger/src/commands/organization.handler';
import { ExecuteRelationshipCommand } from '../../libs/ledger/src/commands/relationship.command';
import { RelationshipCommandHandler } from '../../libs/ledger/src/commands/relationship.handler';
import { randomUUID } from 'node:crypto';
import { startCpuProfile } from './cpu-profile';

const [mode, dir, arg] = process.argv.slice(2);
const ctx = () => ({ actor: 'bench:service', requestHash: randomUUID() });
function side(store: SqliteEventStore, every?: number) {
  const clock = { now: () => new Date() };
  const ids = { newId: () => randomUUID() };
  const pipeline = CommandPipeline.create({
    store,
    clock,
    idempotency: new InMemoryIdempotencyStore(),
    cache: new AggregateStateCache(),
    snapshots: new AggregateSnapshots(store, every),
  });
  return {
    orgs: new OrganizationCommandHandler(pipeline, ids),
    rels: new RelationshipCommandHandler(pipeline, ids, clock),
  };
}

/**
 * With COLD_LOAD_PROFILE=FILE, a CPU profile of the timed command alone (not the start-up, nor
 * the snapshot written after the answer) is written to FILE, for `node --cpu-prof`-style reading.
 */
async function main() {
  const store = SqliteEventStore.open({
    file: join(dir, 'events.db'),
    synchronous: mode === 'grow' ? 'NORMAL' : 'FULL',
  });
  if (mode === 'grow') {
    const { orgs, rels } = side(store, 0);
    const reg = (name: string) =>
      orgs.execute(
        new ExecuteOrganizationCommand(
          undefined,
          { type: 'RegisterOrganization', data: { name } },
          ctx(),
        ),
      );
    const p = await reg('P');
    const c = await reg('C');
    const est = await rels.execute(
      new ExecuteRelationshipCommand(
        undefined,
        { type: 'EstablishRelationship', data: { providerId: p.id, consumerId: c.id } },
        ctx(),
      ),
    );
    const t = performance.now();
    for (let i = 1; i < Number(arg); i += 1) {
      await rels.execute(
        new ExecuteRelationshipCommand(
          est.id,
          { type: 'DeliverOutput', data: { description: `monthly capacity report ${i}` } },
          ctx(),
        ),
      );
    }
    console.log(`grown ${arg} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.log(`ID ${est.id}`);
  } else {
    const streamId = `relationship-${arg}`;
    if (mode === 'full') await store.deleteSnapshots(streamId);
    const snap = await store.readSnapshot(streamId);
    const { rels } = side(store);
    await new Promise((r) => setTimeout(r, 500));
    const profile = await startCpuProfile(process.env.COLD_LOAD_PROFILE, 200);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const a = await rels.execute(
      new ExecuteRelationshipCommand(
        arg,
        { type: 'DeliverOutput', data: { description: 'after the restart' } },
        ctx(),
      ),
    );
    const ms = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    await profile.stop();
    for (let i = 0; i < 3; i += 1) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 300));
    const after = await store.readSnapshot(streamId);
    console.log(
      JSON.stringify({
        mode,
        ms: +ms.toFixed(1),
        // CPU time of the command (all threads): steadier than `ms` on a shared machine.
        cpuMs: +((user + system) / 1000).toFixed(1),
        revision: a.revision,
        rate: Math.round(a.revision / (ms / 1000)),
        snapshotAt: snap?.revision ?? null,
        snapshotAfter: after?.revision ?? null,
        snapshotChars: after ? JSON.stringify(after.state ?? after).length : null,
      }),
    );
  }
  await store.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
