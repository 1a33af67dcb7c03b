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
 */
export class AggregateSnapshots {
  private readonly writing = new Set<string>();
  /** Snapshots scheduled, written by {@link writeScheduled}. */
  private readonly pending: ScheduledSnapshot[] = [];
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
    const codec = decider.snapshot;
    if (
      codec === undefined ||
      this.every <= 0 ||
      loaded.position === undefined ||
      loaded.revision - loaded.snapshotRevision <
        Math.max(this.every, Math.ceil(loaded.revision / SPREAD)) ||
      this.writing.has(loaded.streamId)
    ) {
      return loaded;
    }
    this.writing.add(loaded.streamId);
    this.pending.push({ loaded, codec });
    return { ...loaded, snapshotRevision: loaded.revision };
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
    setImmediate(() => {
      for (const snapshot of scheduled) void this.write(snapshot, exclusive);
    });
  }

  stats(): { written: number; failed: number } {
    return { written: this.written, failed: this.failed };
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
