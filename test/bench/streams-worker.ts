/**
 * One restart of `npm run bench:streams`, in a fresh process: opens the real app on the data
 * dir, optionally deletes the relationship's snapshots, lets the start settle, then times the
 * first command on the relationship (a cold load: snapshot + tail, or the whole stream) and
 * prints one JSON line. With STREAMS_WORKER_PROFILE=FILE, a CPU profile of the timed command
 * alone is written to FILE.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { loadLedgerConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandAnswer, ExecuteRelationshipCommand } from '@app/ledger';
import { createLedgerApp } from '../../apps/ledger-api/src/app.factory';

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
  const profile = await startProfile(process.env.STREAMS_WORKER_PROFILE);
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

async function startProfile(file: string | undefined): Promise<{ stop(): Promise<void> }> {
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench worker failed: ${String(error)}\n`);
  process.exit(1);
});
