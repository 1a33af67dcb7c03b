/** A `?minPosition=` wait ran out before every projection had processed that position. */
export class ProjectionsBehind extends Error {
  override readonly name = 'ProjectionsBehind';

  constructor(
    readonly minPosition: string,
    /** The lowest position every projection has processed (null before any). */
    readonly processedPosition: string | null,
    readonly waitedMs: number,
  ) {
    super(
      `projections have processed up to position ${processedPosition ?? 'none'}, not yet ${minPosition} (waited ${waitedMs} ms)`,
    );
  }
}
