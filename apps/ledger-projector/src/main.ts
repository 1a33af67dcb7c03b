import 'reflect-metadata';
import { ConsoleLogger, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, LedgerConfig, loadLedgerConfig } from '@app/config';
import { ProjectorModule } from './projector.module';

/** Nest's levels at and above each LEDGER_LOG_LEVEL. */
const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const CUT: Record<LedgerConfig['logLevel'], number> = {
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  debug: 5,
  trace: 6,
  silent: 0,
};

/**
 * `npm run projector`: runs the projections and the saga beside API instances started with
 * LEDGER_PROJECTIONS=off, on the same configuration (LEDGER_EVENT_STORE, LEDGER_DATA_DIR,
 * LEDGER_POSTGRES_URL, …). A second projector waits as standby and takes over the projections
 * of one that dies.
 */
async function bootstrap(): Promise<void> {
  let config: LedgerConfig;
  try {
    config = loadLedgerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ledger-projector: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = new ConsoleLogger({
    prefix: 'ledger-projector',
    json: config.logFormat === 'json',
    logLevels: LEVELS.slice(0, CUT[config.logLevel]),
  });
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), {
    logger,
  });
  app.enableShutdownHooks();
  // No server holds the event loop open: the subscriptions wait on promises only. The process
  // lives until a signal (Nest closes the app on SIGTERM/SIGINT, then exits).
  setInterval(() => undefined, 60_000);
  new Logger('Projector').log(
    `running (store: ${config.eventStore}, data: ${config.dataDir}, pid ${process.pid})`,
  );
}

bootstrap().catch((error: unknown) => {
  const debug = process.env.LEDGER_DEBUG === '1';
  const text =
    error instanceof Error ? ((debug ? error.stack : undefined) ?? error.message) : String(error);
  process.stderr.write(`ledger-projector: failed to start: ${text}\n`);
  process.exit(1);
});
