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
import { DataDirLock } from '@app/event-store/sqlite';
import { allProjections } from '@app/projections';
import { PostgresAdvisoryOwnership } from '@app/projections/postgres';
import { PROJECTOR_LOCK } from '@app/projections/sqlite';
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
  let projectionLocks: PostgresAdvisoryOwnership | undefined;
  let app: NestFastifyApplication;
  try {
    // Projections inline write the read models: no projector (nor another API) may write them
    // too. The file's lock guards the embedded ones, every projection's lock the shared ones.
    if (config.projections === 'on') {
      projectorLock = DataDirLock.acquire(config.dataDir, 'ledger-api', PROJECTOR_LOCK);
      projectionLocks = await holdEveryProjection(config);
    }
    const held = projectorLock && {
      release: async () => {
        projectorLock?.release();
        await projectionLocks?.release();
      },
      fence: projectionLocks?.fence,
    };
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, lock, held),
      adapter,
      {
        logger: new PinoNestLogger(logger),
        bufferLogs: false,
        // The body policy's parser is the only one (JSON; other media types answer 415).
        bodyParser: false,
      },
    );
  } catch (error) {
    await projectionLocks?.release();
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

/**
 * With the read models in PostgreSQL, an API that runs the projections inline owns every one of
 * them, as a projector would (one session advisory lock each), or refuses to start.
 */
async function holdEveryProjection(
  config: LedgerConfig,
): Promise<PostgresAdvisoryOwnership | undefined> {
  if (config.readModels !== 'postgres' || config.postgresUrl === undefined) return undefined;
  const names = allProjections(config.breachStreak).map((p) => p.name);
  const ownership = await PostgresAdvisoryOwnership.connect(config.postgresUrl);
  const held = await ownership.claim(names);
  if (held.size === names.length) return ownership;
  await ownership.release();
  throw new Error(
    `projections ${names.filter((n) => !held.has(n)).join(', ')} are owned by a projector ` +
      '(or another API) on the shared read models: start this API with LEDGER_PROJECTIONS=off',
  );
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
