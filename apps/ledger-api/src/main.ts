import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createLedgerApp } from './app.factory';
import { ConfigError, LedgerConfig, loadLedgerConfig } from '@app/config';
import { DataDirLocked } from '@app/event-store/sqlite';

async function bootstrap(): Promise<void> {
  let config: LedgerConfig;
  try {
    config = loadLedgerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ledger: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = new Logger('Ledger');
  const app = await createLedgerApp(config);
  await app.listen(config.port, config.host);
  if (config.apiKeys.length === 0) {
    logger.warn(
      '!!! LEDGER_API_KEYS is not set: the API is OPEN (no authentication) and listens on loopback only. ' +
        'Set LEDGER_API_KEYS=name:role:key,... before exposing it. !!!',
    );
  }
  const base = baseUrl(app.getHttpServer().address(), config.host);
  logger.log(
    `listening on ${base} (store: ${config.eventStore}, data: ${config.dataDir}) — ` +
      `API ${base}/v1, OpenAPI ${base}/docs, dashboard ${base}/, health ${base}/health`,
  );
}

/** The URL people open: a wildcard address is shown as localhost, the port as bound. */
function baseUrl(address: AddressInfo | string | null, host: string): string {
  const port = typeof address === 'object' && address !== null ? address.port : undefined;
  const shown = ['0.0.0.0', '::'].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;
  return `http://${shown}${port === undefined ? '' : `:${port}`}`;
}

bootstrap().catch((error: unknown) => {
  if (error instanceof DataDirLocked) {
    process.stderr.write(`ledger: ${error.message}\n`);
    process.exit(3);
  }
  // The stack (file paths) only on request, as for the CLI.
  const debug = process.env.LEDGER_DEBUG === '1';
  const text =
    error instanceof Error ? ((debug ? error.stack : undefined) ?? error.message) : String(error);
  process.stderr.write(`ledger: failed to start: ${text}\n`);
  process.exit(1);
});
