import type { Database, Statement } from 'better-sqlite3';
import type { CommitParticipant } from './commit-participant';

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Told after every COMMIT: how many writes shared it and how long the COMMIT (fsync) took. */
export type CommitObserver = (batchSize: number, commitSeconds: number) => void;

/**
 * Durability done after COMMIT, off the event loop (the COMMIT itself then only writes the WAL;
 * see durable-head.ts). Told right after each COMMIT; `durable` runs once that commit is on disk.
 */
export interface CommitDurability {
  afterCommit(durable: () => void, failed: (error: unknown) => void): void;
  /** Runs `next` once the fsync running now (if any) completed. */
  afterRunningSync(next: () => void): void;
  /** Set once durability failed for good: no batch runs any more. */
  readonly failure: Error | undefined;
}

/**
 * Group commit: writes submitted while a commit is pending (in practice, within one turn of
 * the event loop) run in ONE transaction, so they share one fsync. With synchronous=FULL an
 * fsync is the cost of a commit, and sharing it is what lets many concurrent writers through.
 *
 * What is atomic and what is not:
 * - Each write is atomic on its own: a write that throws (a revision conflict, bad data) is
 *   rolled back, leaving the others. The writes first run without savepoints (two statements
 *   fewer per write, and nearly every batch throws nothing); if one throws, the whole
 *   transaction is rolled back and the batch runs again with each write in its own SAVEPOINT.
 *   A write is synchronous SQL that decides on what it reads, so its second run does what
 *   its first did, on the same state.
 * - The writes of one batch run serially in submission order and each sees the ones before
 *   it (same transaction), so two appends to one stream in a batch chain correctly.
 * - The batch becomes durable as a whole at COMMIT, or with a `durability`, once the fsync
 *   that follows the COMMIT completed; no promise settles before that, so a write is
 *   acknowledged only once it is on disk. If COMMIT itself fails, every write of the batch is
 *   rejected and none is stored. Meanwhile the next batch runs: the event loop never waits for
 *   the disk.
 * - Writes in different batches are not atomic together; callers never rely on that.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackToSavepoint: Statement;
  /** Set by whoever measures commits (the API's metrics); none by default. */
  observer: CommitObserver | undefined;

  /**
   * @param onCommitted called after every COMMIT that stored at least one write, once durable
   * @param participants state kept beside each transaction (the Merkle log, the events for
   *   this process's subscribers)
   * @param durability syncs after COMMIT (off the event loop); none: COMMIT itself syncs
   */
  constructor(
    private readonly db: Database,
    private readonly onCommitted: () => void,
    private readonly participants: readonly CommitParticipant[] = [],
    private readonly durability?: CommitDurability,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT one_write');
    this.release = db.prepare('RELEASE one_write');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO one_write');
  }

  /** Queues `work` (synchronous SQL) for the next commit; settles once that commit returned. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // While an fsync runs, writes gather for the COMMIT after it, as they did while a COMMIT
      // blocked the loop: fewer, larger groups cost less CPU per write (each COMMIT rewrites
      // the hot pages), and a write waits no longer, as its own fsync could not start earlier.
      this.scheduled ??= setImmediate(() =>
        this.durability ? this.durability.afterRunningSync(() => this.flush()) : this.flush(),
      );
    });
  }

  /** Commits whatever is queued now (used before closing the database). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.durability?.failure) {
      for (const write of batch) write.reject(this.durability.failure);
      return;
    }

    let outcomes: Outcome[];
    try {
      this.begin.run();
      outcomes = batch.length === 1 ? [this.runAlone(batch[0])] : this.runAll(batch);
      if (outcomes.some((outcome) => outcome.ok)) {
        for (const participant of this.participants) participant.beforeCommit();
        const started = performance.now();
        this.commit.run();
        for (const participant of this.participants) participant.committed?.();
        this.observer?.(batch.length, (performance.now() - started) / 1000);
      } else {
        this.rollback.run();
        this.rolledBack();
      }
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      this.rolledBack();
      for (const write of batch) write.reject(error);
      return;
    }
    if (!outcomes.some((outcome) => outcome.ok)) {
      settle(batch, outcomes);
      return;
    }
    if (!this.durability) {
      this.durable(batch, outcomes);
      return;
    }
    this.durability.afterCommit(
      () => this.durable(batch, outcomes),
      // Stored but not known to be on disk: not acknowledged.
      (error) => {
        for (const write of batch) write.reject(error);
      },
    );
  }

  private durable(batch: readonly PendingWrite[], outcomes: readonly Outcome[]): void {
    for (const participant of this.participants) participant.durable?.();
    settle(batch, outcomes);
    this.onCommitted();
  }

  private rolledBack(): void {
    for (const participant of this.participants) participant.rolledBack();
  }

  /** A batch of one needs no savepoint: if it throws, the whole transaction is rolled back. */
  private runAlone(write: PendingWrite): Outcome {
    try {
      return { ok: true, value: write.work() };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * Every write of the batch without savepoints; at the first that throws, the transaction is
   * rolled back and begun again, and the batch runs with a savepoint per write.
   */
  private runAll(batch: readonly PendingWrite[]): Outcome[] {
    const outcomes: Outcome[] = [];
    for (const write of batch) {
      try {
        outcomes.push({ ok: true, value: write.work() });
      } catch {
        if (this.db.inTransaction) this.rollback.run();
        this.rolledBack();
        this.begin.run();
        return batch.map((w) => this.runInSavepoint(w));
      }
    }
    return outcomes;
  }

  private runInSavepoint(write: PendingWrite): Outcome {
    this.savepoint.run();
    const marks = this.participants.map((participant) => participant.mark());
    try {
      const value = write.work();
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      this.rollbackToSavepoint.run();
      this.release.run();
      this.participants.forEach((participant, i) => participant.rewind(marks[i]));
      return { ok: false, error };
    }
  }
}

function settle(batch: readonly PendingWrite[], outcomes: readonly Outcome[]): void {
  batch.forEach((write, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) write.resolve(outcome.value);
    else write.reject(outcome.error);
  });
}
