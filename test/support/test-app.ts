import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../apps/ledger-api/src/app.factory';
import { LedgerConfig, loadLedgerConfig } from '@app/config';
import { TEST_API_KEYS } from './test-keys';

export { bearer, TEST_API_KEYS, TEST_KEYS } from './test-keys';

export interface TestAppOptions {
  /** Reuse a data dir (e.g. to restart on the same data); default: a new temp dir. */
  dataDir?: string;
  /** Extra environment for loadLedgerConfig (LEDGER_API_KEYS is preset; '' runs open). */
  env?: Record<string, string>;
  /** Receives the app's JSON log lines (at LEDGER_LOG_LEVEL); default: errors to stdout. */
  logDestination?: { write(line: string): void };
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Pass to supertest: `request(t.server)`. */
  server: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  dataDir: string;
  config: LedgerConfig;
  /** Stops the app (store closed), keeps the data dir. */
  close(): Promise<void>;
  /** Stops the app and starts a new one on the same data dir and env. */
  restart(): Promise<TestApp>;
  /** Stops the app and removes the data dir. */
  dispose(): Promise<void>;
}

/** Boots the real app (real store, real HTTP stack) on a temp data dir. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  // No rate limit unless a test sets one: suites send hundreds of requests with one key.
  const env = {
    LEDGER_API_KEYS: TEST_API_KEYS,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_RATE_LIMIT: '0',
    ...options.env,
  };
  const config = loadLedgerConfig(env);
  const app = await createLedgerApp(
    config,
    options.logDestination ? { logDestination: options.logDestination } : { logger: ['error'] },
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    server: app.getHttpServer(),
    dataDir,
    config,
    close,
    restart: async () => {
      await close();
      return startTestApp({ ...options, dataDir });
    },
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
