/**
 * The embedded store's writer thread: the one connection that writes the events file.
 *
 * Why a thread: with synchronous=FULL every COMMIT waits for an fsync, and better-sqlite3 runs
 * synchronously. On the main thread that wait stalls every HTTP request in flight; here it
 * stalls nothing, and the appends that arrive meanwhile form the next batch (group commit).
 *
 * Each batch runs through GroupCommit: one transaction, one SAVEPOINT per append, one COMMIT
 * (one fsync); the idempotency check, the expected-revision check and the hash chain all run
 * inside it (append-events.ts). The reply is posted only after COMMIT returned.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { AppendResult } from '../append-result';
import { appendEvents } from './append-events';
import { GroupCommit } from './group-commit';
import { prepareStatements } from './statements';
import {
  type AppendOutcome,
  toWireError,
  type WriterOptions,
  type WriterReply,
  type WriterRequest,
} from './writer-protocol';

function serve(options: WriterOptions): void {
  const port = parentPort;
  if (port === null) throw new Error('writer.worker must run in a worker thread');
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  const statements = prepareStatements(db);
  const group = new GroupCommit(db, () => undefined);
  const reply = (message: WriterReply): void => port.postMessage(message);

  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      db.close();
      reply({ kind: 'closed' });
      port.close();
      return;
    }
    const pending = request.appends.map((append) =>
      group.submit<AppendResult>(() =>
        appendEvents(
          statements,
          append.streamId,
          append.events,
          append.expectedRevision,
          append.recordedAt,
        ),
      ),
    );
    group.flush();
    void Promise.allSettled(pending).then((settled) => {
      const outcomes = settled.map((s): AppendOutcome =>
        s.status === 'fulfilled'
          ? { ok: true, result: s.value }
          : { ok: false, error: toWireError(s.reason) },
      );
      reply({ kind: 'batch', batch: request.batch, outcomes });
    });
  });
}

serve(workerData as WriterOptions);
