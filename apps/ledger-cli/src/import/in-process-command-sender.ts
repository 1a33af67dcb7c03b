import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LedgerConfig } from '@app/config';
import { createLedgerApp } from '../../../ledger-api/src/app.factory';
import { CommandSender, SentCommand } from './command-sender';

/** The actor of commands imported straight into a data dir: `import:admin` in their metadata. */
export const IMPORT_ACTOR_NAME = 'import';

/**
 * The ledger's own HTTP application on the data dir, without a listening socket: each command
 * is injected into it (Fastify's inject), so it passes the same validation, guard, handlers,
 * rules and store as over the network. It holds the data dir (a running API refuses it, and
 * the other way round) and runs the projections as the API does. The key is made up for this
 * run; imported events carry the actor `import:admin`, the same every run (idempotency keys are
 * scoped by actor).
 */
export class InProcessCommandSender implements CommandSender {
  readonly target: string;

  private constructor(
    private readonly app: NestFastifyApplication,
    private readonly key: string,
    dataDir: string,
  ) {
    this.target = `the data dir ${dataDir}`;
  }

  static async open(config: LedgerConfig): Promise<InProcessCommandSender> {
    const key = randomBytes(24).toString('hex');
    const app = await createLedgerApp(
      {
        ...config,
        apiKeys: [{ name: IMPORT_ACTOR_NAME, role: 'admin', key }],
        // One importer, one key: no per-key limit to wait for.
        rateLimitPerMinute: 0,
      },
      { logger: false },
    );
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    } catch (error) {
      await app.close();
      throw error;
    }
    return new InProcessCommandSender(app, key, config.dataDir);
  }

  async send(path: string, body: object, idempotencyKey: string): Promise<SentCommand> {
    const res = await this.app.inject({
      method: 'POST',
      url: path,
      headers: {
        authorization: `Bearer ${this.key}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      payload: JSON.stringify(body),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body === '' ? undefined : JSON.parse(res.body);
    } catch {
      // Not JSON: reported as text.
    }
    return { status: res.statusCode, body: parsed };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
