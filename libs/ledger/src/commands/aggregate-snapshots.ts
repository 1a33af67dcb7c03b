import { Decider, StateSnapshotCodec } from '@app/domain';
import { EventStore, JsonValue, StreamSnapshot } from '@app/event-store';
import { AggregateStateCache } from './aggregate-state-cache';
import { LoadedStream } from './loaded-stream';

/** Events between two snapshots of one stream, by default. */
export const DEFAULT_SNAPSHOT_EVERY = 1000;

/**
 * A long stream is snapshotted every 1/50 of its length when that is more than `every`: a
 * snapshot's size grows with the stream, so a fixed interval would make every event pay more
 * as the stream grows; this way each event pays a bounded share (≈ 50 × a fact's share of the
 * state) and a cold load folds at most 2 % of the stream after its snapshot.
 */
const SPREAD = 50;

/**
 * Events a cached state must be past its snapshot for one to be written when the process stops
 * (at most `every`): a restart then folds none of them; fewer are not worth a write.
 */
const STOP_TAIL = 100;
/** Streams remembered as {@link AggregateSnapshots.behind} at most (the state cache holds fewer). */
const MAX_BEHIND = 10_000;

type SnapshottingDecider<State> = Pick<Decider<unknown, never, State>, 'snapshot'>;

/** Runs work on a stream once no command of this process is on it (see StreamLocks). */
export type StreamExclusive = <T>(streamId: string, work: () => Promise<T>) => Promise<T>;

const runNow: StreamExclusive = (_streamId, work) => work();

interface ScheduledSnapshot {
  loaded: LoadedStream<unknown>;
  codec: StateSnapshotCodec<unknown>;
}

/**
 * Snapshots of folded states beside the events, for deciders that have a snapshot codec: a cold
 * load starts from the latest one and folds only the events after it. Written every
 * `every` events (see SPREAD), after the command that crossed the mark has been answered, never
 * awaited by a command: a snapshot lost or refused costs a longer fold, never an answer. One of
 * another shape (the state changed since) or unreadable is ignored.
 *
 * Encoding a state whose codec packs it (relationships) costs what changed since the state was
 * restored from a snapshot, not the whole state: so the cached state is replaced by the one
 * restored from the snapshot just encoded, and the next snapshot extends this one. That is done
 * with no command on the stream (in the stream's lock), so no command folds on from the state
 * being replaced.
 *
 * When the process stops gracefully, the cached states that are well past their snapshot are
 * written too ({@link writeBeforeStop}), so a restart starts at the head instead of folding up to
 * 1/50 of the stream again (a crash still leaves that tail).
 */
export class AggregateSnapshots {
  private readonly writing = new Set<string>();
  /** Snapshots scheduled, written by {@link writeScheduled}. */
  private readonly pending: ScheduledSnapshot[] = [];
  /** Writes under way, awaited before the process stops. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Streams whose cached state was last seen {@link STOP_TAIL} events past their snapshot. */
  private readonly behind = new Map<string, StateSnapshotCodec<unknown>>();
  private written = 0;
  private failed = 0;

  /**
   * @param every 0 turns snapshots off
   * @param cache the states to replace by their restored snapshots (none: encoded in full)
   */
  constructor(
    private readonly store: EventStore,
    private readonly every = DEFAULT_SNAPSHOT_EVERY,
    private readonly cache?: AggregateStateCache,
  ) {}

  /** The stream as its latest usable snapshot left it, or undefined. */
  async load<State>(
    streamId: string,
    decider: SnapshottingDecider<State>,
  ): Promise<LoadedStream<State> | undefined> {
    const codec = decider.snapshot;
    if (codec === undefined || this.every <= 0) return undefined;
    const snapshot = await this.store.readSnapshot(streamId);
    if (snapshot === undefined || snapshot.shape !== codec.shape) return undefined;
    let state: State;
    try {
      state = codec.fromJson(snapshot.state);
    } catch {
      return undefined;
    }
    const { revision, position } = snapshot;
    return { streamId, state, revision, position, snapshotRevision: revision };
  }

  /**
   * Schedules a snapshot when the stream moved `every` events past its last one; answers the
   * loaded stream as it should be cached (with the snapshot's revision when one was scheduled).
   */
  maybeWrite<State>(
    loaded: LoadedStream<State>,
    decider: SnapshottingDecider<State>,
  ): LoadedStream<State> {
    const codec = decider.snapshot as StateSnapshotCodec<unknown> | undefined;
    if (codec === undefined || this.every <= 0 || loaded.position === undefined) return loaded;
    const { streamId, revision } = loaded;
    const tail = revision - loaded.snapshotRevision;
    if (tail < Math.max(this.every, Math.ceil(revision / SPREAD)) || this.writing.has(streamId)) {
      if (tail >= this.stopTail()) this.remember(streamId, codec);
      return loaded;
    }
    this.behind.delete(streamId);
    this.writing.add(streamId);
    this.pending.push({ loaded, codec });
    return { ...loaded, snapshotRevision: revision };
  }

  /**
   * Writes the snapshots scheduled so far, on a later turn: called once a command has been
   * answered, so encoding a large state never lands inside a command's own time (it did when
   * written on the next turn, which fell within the command's append). Each is encoded through
   * `exclusive` (the repository's stream lock), then written outside it.
   */
  writeScheduled(exclusive: StreamExclusive = runNow): void {
    if (this.pending.length === 0) return;
    const scheduled = this.pending.splice(0);
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        this.writeAll(scheduled, exclusive),
      ),
    );
  }

  /**
   * When the process stops: waits for the writes under way, then writes a snapshot of each
   * cached state at least {@link STOP_TAIL} events past its last one (at most what the state
   * cache holds; encoding a packed relationship costs what changed since its last snapshot).
   */
  async writeBeforeStop(exclusive: StreamExclusive = runNow): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    const due: ScheduledSnapshot[] = [];
    for (const [streamId, codec] of this.behind) {
      const cached = this.cache?.peek<unknown>(streamId);
      if (
        cached?.position !== undefined &&
        cached.revision - cached.snapshotRevision >= this.stopTail() &&
        !this.writing.has(streamId)
      ) {
        this.writing.add(streamId);
        due.push({ loaded: cached, codec });
      }
    }
    this.behind.clear();
    await this.writeAll(due, exclusive);
  }

  stats(): { written: number; failed: number } {
    return { written: this.written, failed: this.failed };
  }

  private remember(streamId: string, codec: StateSnapshotCodec<unknown>): void {
    if (this.behind.size >= MAX_BEHIND && !this.behind.has(streamId)) {
      // The longest remembered is the likeliest to have left the state cache.
      this.behind.delete(this.behind.keys().next().value as string);
    }
    this.behind.set(streamId, codec);
  }

  private stopTail(): number {
    return Math.min(this.every, STOP_TAIL);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async writeAll(
    scheduled: ScheduledSnapshot[],
    exclusive: StreamExclusive,
  ): Promise<void> {
    await Promise.all(scheduled.map((snapshot) => this.write(snapshot, exclusive)));
  }

  private async write(scheduled: ScheduledSnapshot, exclusive: StreamExclusive): Promise<void> {
    const { streamId } = scheduled.loaded;
    try {
      const snapshot = await exclusive(streamId, () => Promise.resolve(this.encode(scheduled)));
      await this.store.writeSnapshot(streamId, snapshot);
      this.written += 1;
    } catch {
      // Best effort (disk full, store closing): the next mark tries again.
      this.failed += 1;
    } finally {
      this.writing.delete(streamId);
    }
  }

  /**
   * The newest state of the stream this process holds, encoded; the cached one is replaced by
   * the state restored from that encoding (the same state, kept as the snapshot keeps it).
   */
  private encode({ loaded: scheduled, codec }: ScheduledSnapshot): StreamSnapshot {
    const cached = this.cache?.peek<unknown>(scheduled.streamId);
    const loaded =
      cached !== undefined && cached.revision >= scheduled.revision ? cached : scheduled;
    const state = codec.toJson(loaded.state) as JsonValue;
    if (loaded === cached) {
      const restored = codec.fromJson(state);
      this.cache?.replace(cached, {
        ...cached,
        state: restored,
        snapshotRevision: cached.revision,
      });
    }
    return {
      shape: codec.shape,
      revision: loaded.revision,
      position: loaded.position ?? '0',
      state,
    };
  }
}
