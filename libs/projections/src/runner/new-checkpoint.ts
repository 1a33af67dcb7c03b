import { ProjectionCheckpoint } from '../read-model/read-model-store';

/** The checkpoint of a generation nothing has been applied to yet. */
export function newCheckpoint(
  name: string,
  version: number,
  generation: number,
  position: string | undefined,
  now: string,
): ProjectionCheckpoint {
  return { name, version, generation, position, eventsApplied: 0, updatedAt: now };
}
