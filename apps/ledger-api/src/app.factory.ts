import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { registerCommandETag } from './commands/etag.hook';
import { setupOpenApi } from './docs/openapi';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { LedgerConfig } from '@app/config';
import { httpServerOptions } from './http/http-server-options';
import { registerJsonBodyParser } from './http/json-body-parser';

export interface CreateLedgerAppOptions {
  logger?: LogLevel[] | false;
}

/**
 * Builds the configured application (not yet listening): used by main.ts and by e2e tests,
 * so both run exactly the same HTTP stack.
 */
export async function createLedgerApp(
  config: LedgerConfig,
  options: CreateLedgerAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(httpServerOptions(config));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bufferLogs: false,
    // The body policy's parser is the only one (JSON; other media types answer 415).
    bodyParser: false,
  });
  app.enableShutdownHooks();
  registerJsonBodyParser(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
  registerCommandETag(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app);
  return app;
}
