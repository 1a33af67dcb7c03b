/** The client's `If-Match` revision is stale; nothing was appended (HTTP 412). */
export class PreconditionFailed extends Error {
  override readonly name = 'PreconditionFailed';

  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${String(actual)}, If-Match expected ${expected}`);
  }
}
