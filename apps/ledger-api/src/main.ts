import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createLedgerApp } from './app.factory';
import { ConfigError, LedgerConfig, loadLedgerConfig } from '@app/config';

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
  logger.log(
    `listening on http://${config.host}:${config.port} (store: ${config.eventStore}, data: ${config.dataDir})`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `ledger: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
