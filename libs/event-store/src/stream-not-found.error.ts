/** A read named a stream that has no events. */
export class StreamNotFound extends Error {
  override readonly name = 'StreamNotFound';

  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}
