import type { Client } from 'pg';
import { READ_MODEL_CHANNEL } from '../read-model/postgres/read-model-tables';
import { CheckpointSignal } from '../projector/checkpoint-signal';

/**
 * LISTENs on the channel every commit of the PostgreSQL read models NOTIFYs (in its transaction,
 * so the wake-up comes with the commit). A lost connection wakes the listener once (its readers
 * then fall back to their slow refresh).
 */
export class PostgresCheckpointSignal implements CheckpointSignal {
  private readonly listeners: (() => void)[] = [];

  private constructor(private readonly client: Client) {
    client.on('notification', (message) => {
      if (message.channel === READ_MODEL_CHANNEL) this.wake();
    });
    client.on('error', () => this.wake());
  }

  static async connect(connectionString: string): Promise<PostgresCheckpointSignal> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString, application_name: 'ledger-api-checkpoints' });
    await client.connect();
    await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    return new PostgresCheckpointSignal(client);
  }

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  private wake(): void {
    for (const listener of this.listeners) listener();
  }
}
