import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { currentRequestContext, requestLogFields } from './request-context';

type Level = 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal';

/** Nest's start-up chatter (every module and route mapped): debug, not info. */
const START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest's Logger written through pino: every application line is one JSON object with the
 * Nest context and, inside a request, the same request fields as the request line (request
 * id, correlation id, actor, route). Stacks are left out unless the level is debug or lower:
 * no ordinary log line carries a stack or a file path.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    const startUp = typeof context === 'string' && START_UP_CONTEXTS.has(context);
    this.write(startUp ? 'debug' : 'info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  private write(level: Level, message: unknown, params: unknown[], mayHaveStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    // Nest passes the context (a class name) last.
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') {
      fields.context = rest.pop();
    }
    if (mayHaveStack && rest.length > 0 && this.logger.isLevelEnabled('debug')) {
      fields.stack = rest[0];
    }
    const context = currentRequestContext();
    if (context) Object.assign(fields, requestLogFields(context));
    if (message instanceof Error) {
      fields.err = message.name;
      this.logger[level](fields, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      this.logger[level]({ ...fields, data: message }, 'log');
    }
  }
}
