import type { Client } from 'pg';
import { READ_MODEL_CHANNEL } from '../read-model/postgres/read-model-tables';
import { CheckpointSignal } from '../projector/checkpoint-signal';
import { ProjectionCheckpoint } from '../read-model/read-model-store';

type Listener = (committed?: readonly ProjectionCheckpoint[]) => void;

/**
 * LISTENs on the channel every commit of the PostgreSQL read models NOTIFYs (in its transaction,
 * so the wake-up comes with the commit), with the checkpoints it committed as the payload. A
 * payload it cannot read, and a lost connection, wake the listener without them (its readers
 * then read the checkpoints; after a lost connection they fall back to their slow refresh).
 */
export class PostgresCheckpointSignal implements CheckpointSignal {
  private readonly listeners: Listener[] = [];

  private constructor(private readonly client: Client) {
    client.on('notification', (message) => {
      if (message.channel === READ_MODEL_CHANNEL) this.wake(committedCheckpoints(message.payload));
    });
    client.on('error', () => this.wake(undefined));
  }

  static async connect(connectionString: string): Promise<PostgresCheckpointSignal> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString, application_name: 'ledger-api-checkpoints' });
    await client.connect();
    await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    return new PostgresCheckpointSignal(client);
  }

  listen(listener: Listener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  private wake(committed: readonly ProjectionCheckpoint[] | undefined): void {
    for (const listener of this.listeners) listener(committed);
  }
}

/**
 * The checkpoints of a NOTIFY payload (see PostgresReadModelStore.commit), or undefined when it
 * does not hold them all in full (empty, another shape): the reader then reads them.
 */
export function committedCheckpoints(
  payload: string | undefined,
): ProjectionCheckpoint[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload ?? '');
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every(isCheckpoint)) return undefined;
  return parsed.map((c: ProjectionCheckpoint) => ({
    name: c.name,
    version: c.version,
    generation: c.generation,
    position: c.position ?? undefined,
    eventsApplied: c.eventsApplied,
    updatedAt: c.updatedAt,
  }));
}

function isCheckpoint(value: unknown): value is ProjectionCheckpoint {
  const c = value as Partial<Record<keyof ProjectionCheckpoint, unknown>> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.name === 'string' &&
    Number.isInteger(c.version) &&
    Number.isInteger(c.generation) &&
    (c.position === undefined || c.position === null || typeof c.position === 'string') &&
    typeof c.eventsApplied === 'number' &&
    typeof c.updatedAt === 'string'
  );
}
