import pino, { DestinationStream, Logger } from 'pino';
import type { LedgerConfig } from '@app/config';

/**
 * The one pino logger of the process: JSON lines (or pino-pretty for a terminal), ISO times.
 * Credentials never reach it: request lines are built field by field (no headers), and the
 * redaction below is the backstop should a header object ever be logged.
 */
export function createLedgerLogger(
  config: Pick<LedgerConfig, 'logFormat' | 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'ledger-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        'authorization',
        'headers.authorization',
        '*.headers.authorization',
        'apiKeys',
        '*.apiKeys',
        'key',
      ],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(options, destination);
  if (config.logFormat === 'pretty') {
    // Loaded only for a terminal: JSON, the default elsewhere, never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l' }));
  }
  return pino(options, pino.destination({ sync: false }));
}
