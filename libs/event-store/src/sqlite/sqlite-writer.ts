import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendResult } from '../append-result';
import {
  type AppendRequest,
  fromWireError,
  type WriterOptions,
  type WriterReply,
  type WriterRequest,
} from './writer-protocol';

interface Pending {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/**
 * The main thread's handle on the writer thread (writer.worker.ts): pipelined group commit.
 * At most one batch is in flight; appends that arrive meanwhile wait and go together as the
 * next batch as soon as the reply comes, so the busier the store, the more appends share one
 * fsync. A promise settles only after the writer's COMMIT returned: acknowledged = durable.
 */
export class SqliteWriter {
  private queue: Pending[] = [];
  private inFlight: Pending[] | undefined;
  private scheduled = false;
  private batchNumber = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;
  private onIdle: (() => void) | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly onCommitted: () => void,
  ) {
    worker.on('message', (reply: WriterReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.closing === undefined)
        this.fail(new Error(`the writer thread stopped (exit code ${code})`));
    });
  }

  /**
   * Starts the writer thread. Messages posted before it has opened the file wait in its port;
   * the caller has already opened and migrated the file on the main thread, so a failure here
   * is rare, and it fails every append (see `fail`).
   */
  static start(options: WriterOptions, onCommitted: () => void): SqliteWriter {
    return new SqliteWriter(spawnWriterThread(options), onCommitted);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Commits what is queued, then stops the thread. */
  close(): Promise<void> {
    this.closing ??= this.drain().then(() => this.stop());
    return this.closing;
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    // One turn of the event loop lets the appends of concurrent requests join the batch.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0) {
      if (!this.inFlight) this.onIdle?.();
      return;
    }
    const batch = this.queue;
    this.queue = [];
    this.inFlight = batch;
    this.batchNumber += 1;
    const message: WriterRequest = {
      kind: 'batch',
      batch: this.batchNumber,
      appends: batch.map((pending) => pending.request),
    };
    this.worker.postMessage(message);
  }

  private receive(reply: WriterReply): void {
    if (reply.kind !== 'batch' || !this.inFlight) return;
    const batch = this.inFlight;
    this.inFlight = undefined;
    let committed = false;
    reply.outcomes.forEach((outcome, index) => {
      if (outcome.ok) {
        committed = true;
        batch[index].resolve(outcome.result);
      } else {
        batch[index].reject(fromWireError(outcome.error));
      }
    });
    if (committed) this.onCommitted();
    this.send();
  }

  private drain(): Promise<void> {
    if (!this.inFlight && this.queue.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.onIdle = resolve;
      if (!this.inFlight) this.send();
    });
  }

  private async stop(): Promise<void> {
    if (this.failure) {
      await this.worker.terminate();
      return;
    }
    const closed = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await closed;
  }

  /** The thread died: nothing queued or in flight can be known to be stored, so all fail. */
  private fail(error: Error): void {
    this.failure ??= new Error(`the event store's writer failed: ${error.message}`);
    for (const pending of [...(this.inFlight ?? []), ...this.queue]) pending.reject(this.failure);
    this.inFlight = undefined;
    this.queue = [];
    this.onIdle?.();
  }
}

/**
 * Built code runs the compiled worker file. Under ts-node or jest this module is TypeScript,
 * and a worker thread does not inherit the parent's loader, so it registers ts-node itself
 * (transpile only: the code was type-checked already).
 */
function spawnWriterThread(options: WriterOptions): Worker {
  if (__filename.endsWith('.js')) {
    return new Worker(join(__dirname, 'writer.worker.js'), { workerData: options });
  }
  const tsNode = require.resolve('ts-node', { paths: [__dirname] });
  const entry = join(dirname(__filename), 'writer.worker.ts');
  const bootstrap =
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });` +
    `require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}
