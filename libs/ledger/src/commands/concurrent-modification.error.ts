/**
 * Other writers kept changing the stream while the command was decided, more often than it is
 * worth retrying; nothing was appended (HTTP 409). Only for commands without `If-Match`.
 */
export class ConcurrentModification extends Error {
  override readonly name = 'ConcurrentModification';

  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} changed concurrently ${attempts} times; retry the command`);
  }
}
