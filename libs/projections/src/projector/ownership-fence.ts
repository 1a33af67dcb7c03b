/**
 * The owner token of each projection this process holds. Every new owner of a projection takes
 * a new token when it takes the projection's lock; a read-model store in a shared database
 * checks the token in the transaction of every checkpoint it commits. So a process that lost
 * its lock, and may not know it yet (its lock connection is gone but no error has reached it),
 * cannot commit a batch after a new owner took over: the commit is refused and rolled back.
 */
export interface OwnershipFence {
  /** The token this process took with the projection's lock; undefined: not fenced. */
  tokenOf(name: string): number | undefined;
}

/** A commit of a projection that has a newer owner: nothing of it was written. */
export class ProjectionFenced extends Error {
  override readonly name = 'ProjectionFenced';

  constructor(
    readonly projection: string,
    readonly token: number,
    readonly currentToken: number,
  ) {
    super(
      `projection ${projection} has a newer owner (token ${currentToken}, this process holds ` +
        `${token}): this process lost its lock and no longer writes it`,
    );
  }
}
