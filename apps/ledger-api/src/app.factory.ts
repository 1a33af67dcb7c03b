import { randomUUID } from 'node:crypto';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { registerCommandETag } from './commands/etag.hook';
import { setupOpenApi } from './docs/openapi';
import { registerDashboard } from './web/dashboard';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { LedgerConfig } from '@app/config';
import { DataDirLock } from '@app/event-store';
import { PROJECTOR_LOCK } from '@app/projections';
import { httpServerOptions } from './http/http-server-options';
import { registerJsonBodyParser } from './http/json-body-parser';
import { createLedgerLogger } from './observability/ledger-logger';
import { PinoNestLogger } from './observability/pino-nest-logger';
import { registerRequestLogging } from './observability/request-logging';
import { registerRateLimit } from './operations/rate-limit';
import { registerSecurityHeaders } from './operations/security-headers';
import type { DestinationStream } from 'pino';

export interface CreateLedgerAppOptions {
  /** Overrides LEDGER_LOG_LEVEL with the least severe of these (false: silent); for tests. */
  logger?: LogLevel[] | false;
  /** Where the JSON log lines go instead of standard output; for tests. */
  logDestination?: DestinationStream;
}

/**
 * Builds the configured application (not yet listening): used by main.ts and by e2e tests,
 * so both run exactly the same HTTP stack.
 */
export async function createLedgerApp(
  config: LedgerConfig,
  options: CreateLedgerAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createLedgerLogger(
    { ...config, logLevel: pinoLevel(options.logger) ?? config.logLevel },
    options.logDestination,
  );
  const adapter = new FastifyAdapter({
    ...httpServerOptions(config),
    // No Fastify logger: registerRequestLogging writes the one line per request, with the
    // ledger's fields, and Nest's logger (pino below) everything else.
    genReqId: () => randomUUID(),
  });
  // One process per data dir, taken before anything in it is opened; refused with the holder.
  const lock = DataDirLock.acquire(config.dataDir, 'ledger-api');
  let projectorLock: DataDirLock | undefined;
  let app: NestFastifyApplication;
  try {
    // Projections inline write the read models: no projector may write them too.
    projectorLock =
      config.projections === 'on'
        ? DataDirLock.acquire(config.dataDir, 'ledger-api', PROJECTOR_LOCK)
        : undefined;
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, lock, projectorLock),
      adapter,
      {
        logger: new PinoNestLogger(logger),
        bufferLogs: false,
        // The body policy's parser is the only one (JSON; other media types answer 415).
        bodyParser: false,
      },
    );
  } catch (error) {
    projectorLock?.release();
    lock.release();
    throw error;
  }
  app.enableShutdownHooks();
  registerRequestLogging(app.getHttpAdapter().getInstance(), logger);
  await registerSecurityHeaders(app);
  await registerRateLimit(app, config.rateLimitPerMinute);
  registerJsonBodyParser(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
  registerCommandETag(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app);
  if (
    (await registerDashboard(app.getHttpAdapter().getInstance(), config.webDir)) === 'not-built'
  ) {
    new Logger('Dashboard').warn('the dashboard is not built (npm run build:web): / answers 404');
  }
  return app;
}

const NEST_TO_PINO: [LogLevel, string][] = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

function pinoLevel(levels: LogLevel[] | false | undefined): LedgerConfig['logLevel'] | undefined {
  if (levels === undefined) return undefined;
  if (levels === false) return 'silent';
  const found = NEST_TO_PINO.find(([nest]) => levels.includes(nest));
  return (found?.[1] ?? 'silent') as LedgerConfig['logLevel'];
}
