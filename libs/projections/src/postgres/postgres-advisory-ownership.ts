import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { ProjectionOwnership } from '../projector/projection-ownership.port';

/** First key of every advisory lock the ledger takes ('Ledg'), apart from other applications'. */
const LOCK_SPACE = 0x4c656467;

/** The second key of a projection's lock: 32 bits of the SHA-256 of its name. */
export function lockKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * One PostgreSQL session advisory lock per projection, held on one connection of its own: the
 * lock lasts as long as that session. When the projector dies in any way (kill -9 included)
 * the kernel closes its socket, the server ends the session and frees the locks, and a standby
 * projector's next claim takes them.
 */
export class PostgresAdvisoryOwnership implements ProjectionOwnership {
  private readonly held = new Set<string>();
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
      if (rows[0].taken) this.held.add(name);
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
