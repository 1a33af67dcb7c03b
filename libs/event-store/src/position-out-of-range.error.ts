/**
 * A position this store could never give out (for the embedded store: beyond 2^53−1, or not a
 * decimal). It comes from the caller, so the API answers it as a bad parameter (400).
 */
export class PositionOutOfRange extends RangeError {
  override readonly name = 'PositionOutOfRange';

  constructor(readonly position: string) {
    super(`${JSON.stringify(position)} is not a position of this event store`);
  }
}
