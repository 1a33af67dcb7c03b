import { ActualRevision, ExpectedRevision, describeRevision } from './expected-revision';

/** The stream was not at the revision the writer expected; nothing was appended. */
export class RevisionConflict extends Error {
  override readonly name = 'RevisionConflict';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(
      `stream ${streamId} is at revision ${describeRevision(actual)}, expected ${describeRevision(expected)}`,
    );
  }
}
