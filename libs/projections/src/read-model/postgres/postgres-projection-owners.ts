import type { ClientBase } from 'pg';
import { OwnershipFence, ProjectionFenced } from '../../projector/ownership-fence';
import { READ_MODEL_SCHEMA } from './read-model-tables';

/** Each projection's owner token: bumped by every process that takes the projection's lock. */
export const PROJECTION_OWNERS = `${READ_MODEL_SCHEMA}.projection_owners`;

export const CREATE_PROJECTION_OWNERS = `CREATE TABLE IF NOT EXISTS ${PROJECTION_OWNERS} (
  name TEXT COLLATE "C" PRIMARY KEY, token BIGINT NOT NULL)`;

/**
 * A new token for `name`, to be taken right after its lock. The update waits for any commit
 * still checking the previous token (it holds the row FOR SHARE), so whatever the previous owner
 * committed is there before the new owner reads the checkpoints.
 */
export async function takeOwnerToken(client: ClientBase, name: string): Promise<number> {
  const { rows } = await client.query<{ token: string }>(
    `INSERT INTO ${PROJECTION_OWNERS} (name, token) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET token = ${PROJECTION_OWNERS}.token + 1
     RETURNING token`,
    [name],
  );
  return Number(rows[0].token);
}

/** A projection's current token as the commit's statement reads it (bigint comes as text). */
export type OwnerTokenRow = [name: string, token: string | number];

/** The tokens this process holds for those of `names` it is fenced on. */
export function heldTokens(
  fence: OwnershipFence | undefined,
  names: readonly string[],
): Map<string, number> {
  const held = new Map<string, number>();
  for (const name of names) {
    const token = fence?.tokenOf(name);
    if (token !== undefined) held.set(name, token);
  }
  return held;
}

/**
 * Throws {@link ProjectionFenced} unless the current tokens, read FOR SHARE in the commit's own
 * transaction, are the ones this process holds: another process took one of the projections'
 * locks since. FOR SHARE keeps the rows as read until the commit ends, so a new owner's
 * {@link takeOwnerToken} waits for it.
 */
export function assertOwnerTokens(
  held: ReadonlyMap<string, number>,
  current: readonly OwnerTokenRow[] | null,
): void {
  const now = new Map((current ?? []).map(([name, token]) => [name, Number(token)]));
  for (const [name, token] of held) {
    const latest = now.get(name) ?? 0;
    if (latest !== token) throw new ProjectionFenced(name, token, latest);
  }
}
