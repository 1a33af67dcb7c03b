import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { OwnershipFence } from '../projector/ownership-fence';
import { ProjectionOwnership } from '../projector/projection-ownership.port';
import { READ_MODEL_SCHEMA } from '../read-model/postgres/read-model-tables';
import {
  CREATE_PROJECTION_OWNERS,
  takeOwnerToken,
} from '../read-model/postgres/postgres-projection-owners';

/** First key of every advisory lock the ledger takes ('Ledg'), apart from other applications'. */
const LOCK_SPACE = 0x4c656467;
/** The read-model store's key for creating the schema: whoever comes first creates it once. */
const SCHEMA_LOCK = 'SELECT pg_advisory_xact_lock(7283540002)';

/** The second key of a projection's lock: 32 bits of the SHA-256 of its name. */
export function lockKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * One PostgreSQL session advisory lock per projection, held on one connection of its own: the
 * lock lasts as long as that session. When the projector dies in any way (kill -9 included)
 * the kernel closes its socket, the server ends the session and frees the locks, and a standby
 * projector's next claim takes them. Each lock taken comes with a new owner token (the
 * {@link fence} the read models' commits check), for the time between a lock lost and this
 * process learning it.
 */
export class PostgresAdvisoryOwnership implements ProjectionOwnership {
  private readonly held = new Set<string>();
  /** Kept after a loss: commits still in flight must meet the tokens they were taken with. */
  private readonly tokens = new Map<string, number>();
  readonly fence: OwnershipFence = { tokenOf: (name) => this.tokens.get(name) };
  private readonly lostListeners: (() => void)[] = [];
  private lost = false;
  private released = false;

  private constructor(private readonly client: Client) {
    client.on('error', () => this.lose());
    client.on('end', () => this.lose());
  }

  static async connect(connectionString: string): Promise<PostgresAdvisoryOwnership> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString, application_name: 'ledger-projector' });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(SCHEMA_LOCK);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${READ_MODEL_SCHEMA}`);
      await client.query(CREATE_PROJECTION_OWNERS);
      await client.query('COMMIT');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return new PostgresAdvisoryOwnership(client);
  }

  async claim(names: readonly string[]): Promise<ReadonlySet<string>> {
    if (this.lost) throw new Error('the projection locks were lost with their connection');
    for (const name of names) {
      if (this.held.has(name)) continue;
      const { rows } = await this.client.query<{ taken: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS taken',
        [LOCK_SPACE, lockKeyOf(name)],
      );
      if (!rows[0].taken) continue;
      // Before this process writes anything: a commit the previous owner still has in flight
      // ends first, and any it tries later is refused.
      this.tokens.set(name, await takeOwnerToken(this.client, name));
      this.held.add(name);
    }
    return new Set(this.held);
  }

  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  async release(): Promise<void> {
    this.released = true;
    this.held.clear();
    // Ending the session frees every advisory lock it holds.
    await this.client.end().catch(() => undefined);
  }

  private lose(): void {
    if (this.lost || this.released) return;
    this.lost = true;
    this.held.clear();
    for (const listener of this.lostListeners) listener();
  }
}
