/**
 * One restart of `npm run bench:streams`, in a fresh process: opens the real app on the data
 * dir, optionally deletes the relationship's snapshots, lets the start settle, then times the
 * first command on the relationship (a cold load: snapshot + tail, or the whole stream) and
 * prints one JSON line. With STREAMS_WORKER_PROFILE=FILE, a CPU profile of the timed command
 * alone is written to FILE.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { loadLedgerConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandAnswer, ExecuteRelationshipCommand } from '@app/ledger';
import { createLedgerApp } from '../../apps/ledger-api/src/app.factory';
import { startCpuProfile } from './cpu-profile';

async function main(): Promise<void> {
  const [relationshipId, keyed, deleteSnapshots] = process.argv.slice(2);
  const app = await createLedgerApp(loadLedgerConfig(), { logger: ['error'] });
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  const streamId = `relationship-${relationshipId}`;
  if (deleteSnapshots === '1') await store.deleteSnapshots(streamId);
  const snapshot = await store.readSnapshot(streamId);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const bus = app.get(CommandBus);
  const profile = await startCpuProfile(process.env.STREAMS_WORKER_PROFILE);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const answer: CommandAnswer = await bus.execute(
    new ExecuteRelationshipCommand(
      relationshipId,
      { type: 'DeliverOutput', data: { description: 'after the restart' } },
      {
        actor: 'bench:service',
        requestHash: `restart-${process.pid}`,
        idempotencyKey: keyed === '1' ? `restart-${process.pid}` : undefined,
      },
    ),
  );
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  await profile.stop();
  await app.close();
  const line = {
    ms,
    cpuMs: (user + system) / 1000,
    revision: answer.revision,
    snapshotRevision: snapshot?.revision ?? null,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`RESULT ${JSON.stringify(line)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench worker failed: ${String(error)}\n`);
  process.exit(1);
});
