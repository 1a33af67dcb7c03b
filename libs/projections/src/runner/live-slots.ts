import { comparePositions, isAtOrBefore } from '../position';
import { Projection } from '../projection';
import { ReadModelStore } from '../read-model/read-model-store';
import { newCheckpoint } from './new-checkpoint';
import { ProjectionSlot } from './projection-slot';
import { RunnerLogger } from './runner-logger';

/**
 * The generation of each projection that queries read and the shared subscription feeds: set up
 * at boot (a bumped version starts a new generation from the start of the log), replaced by a
 * rebuild's swap.
 */
export class LiveSlots {
  private readonly slots = new Map<string, ProjectionSlot>();
  /** The tail of the changes to live generations (see `exclusively`). */
  private changing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly logger: RunnerLogger,
    private readonly now: () => string,
  ) {}

  /** Opens each projection's current generation, rebuilding from the start if its version moved. */
  async prepare(projections: readonly Projection[]): Promise<void> {
    for (const projection of projections) {
      this.slots.set(projection.name, await this.open(projection));
    }
  }

  /**
   * Runs `work` (a batch commit, a swap) after those queued before it. The store is async: without
   * this a batch of the old generation could commit its checkpoint after a swap moved it on.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    const result = this.changing.then(work);
    this.changing = result.catch(() => undefined);
    return result;
  }

  get(name: string): ProjectionSlot | undefined {
    return this.slots.get(name);
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  all(): IterableIterator<ProjectionSlot> {
    return this.slots.values();
  }

  /** A rebuilt generation takes the place of the live one. */
  replace(slot: ProjectionSlot): void {
    this.slots.set(slot.name, slot);
  }

  /** The lowest position every projection has processed (undefined before any). */
  processedPosition(): string | undefined {
    return lowest([...this.slots.values()].map((s) => s.checkpoint.position));
  }

  /** Every projection has processed `position`. */
  reached(position: string): boolean {
    for (const slot of this.slots.values()) {
      if (!isAtOrBefore(position, slot.checkpoint.position)) return false;
    }
    return true;
  }

  /** Committed positions of the projections still running (a failed one waits for a rebuild). */
  runningPositions(): (string | undefined)[] {
    return [...this.slots.values()].filter((s) => !s.failure).map((s) => s.checkpoint.position);
  }

  private async open(projection: Projection): Promise<ProjectionSlot> {
    const { readModels } = this;
    let checkpoint = await readModels.checkpoint(projection.name);
    if (!checkpoint || checkpoint.version !== projection.version) {
      const generation = checkpoint ? checkpoint.generation + 1 : 1;
      if (checkpoint) {
        this.logger.log(
          `projection ${projection.name}: version ${checkpoint.version} → ${projection.version}, rebuilding from the start`,
        );
        await readModels.drop(projection.name, checkpoint.generation);
      }
      await readModels.drop(projection.name, generation);
      checkpoint = newCheckpoint(
        projection.name,
        projection.version,
        generation,
        undefined,
        this.now(),
      );
      await readModels.prepare(projection.name, generation, projection.collections);
      await readModels.commit([{ checkpoint }]);
    } else {
      // A rebuild interrupted by a restart left its generation behind: it is of no use now.
      await readModels.drop(projection.name, checkpoint.generation + 1);
      await readModels.prepare(projection.name, checkpoint.generation, projection.collections);
    }
    await readModels.publishGeneration(projection.name, checkpoint.generation);
    return new ProjectionSlot(
      projection,
      checkpoint,
      await readModels.writer(projection.name, checkpoint.generation),
    );
  }
}

/** The lowest of some positions; undefined if any is undefined (it starts before everything). */
export function lowest(positions: readonly (string | undefined)[]): string | undefined {
  let result: string | undefined;
  for (const [i, position] of positions.entries()) {
    if (position === undefined) return undefined;
    if (i === 0 || comparePositions(position, result!) < 0) result = position;
  }
  return result;
}
