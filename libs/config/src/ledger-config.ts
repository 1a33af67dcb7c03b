import { isAbsolute, resolve } from 'node:path';
import { parseSignerKey } from '@app/event-store';
import { ConfigError } from './config-error';
import { isRole, Role, ROLES } from './roles';

/** Injection token for the validated configuration. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

export interface ApiKey {
  /** Becomes the events' `actor` (with the role). */
  name: string;
  role: Role;
  key: string;
}

export type SqliteSynchronous = 'FULL' | 'EXTRA' | 'NORMAL';
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LedgerConfig {
  port: number;
  host: string;
  eventStore: 'sqlite' | 'eventstoredb' | 'postgres';
  /** Absolute path of the embedded store and read models. */
  dataDir: string;
  eventStoreDbConnectionString?: string;
  /** The PostgreSQL database's `postgres://` URL (may hold a password: never logged). */
  postgresUrl?: string;
  /**
   * Where the read models live: `sqlite` in the data dir (this process's own), `postgres` in the
   * database of `postgresUrl`, shared by every API and projector.
   */
  readModels: 'sqlite' | 'postgres';
  /**
   * Where the Idempotency-Key index lives: in PostgreSQL whenever the ledger has one (the log or
   * the read models there), so every API instance sees the same keys; else in the data dir.
   */
  idempotencyKeys: 'sqlite' | 'postgres';
  /** Empty: the API runs open, on loopback only. */
  apiKeys: ApiKey[];
  /** `json`: one JSON object a line (default when standard output is not a terminal). */
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Requests a minute one API key (or, without one, one address) may make; 0: no limit. */
  rateLimitPerMinute: number;
  /** `/health/ready` answers 503 when a projection is more events than this behind the log. */
  readyMaxLag: number;
  bodyLimitBytes: number;
  sqliteSynchronous: SqliteSynchronous;
  /** Every this many ms a worker thread checkpoints the embedded store's WAL; 0: off. */
  sqliteBackgroundCheckpointMs: number;
  /** Upper bound for `?minPosition=` waits. */
  minPositionTimeoutMs: number;
  /** Most events per batch while projections catch up (committed every 200 batches). */
  projectionBatchSize: number;
  /**
   * `on` (default): the API runs the projections and the saga itself. `off`: a projector
   * process (`npm run projector`) runs them; the API only reads the read models it writes.
   */
  projections: 'on' | 'off';
  /** The projector: pause between two claims of the projections another projector owns. */
  projectorStandbyPollMs: number;
  /** Milliseconds between heartbeat comments on `GET /v1/events/stream`. */
  eventStreamHeartbeatMs: number;
  /** A request not received in full within this answers 408. */
  requestTimeoutMs: number;
  /** Days an Idempotency-Key is remembered by the key index. */
  idempotencyRetentionDays: number;
  /** The first line of every signed checkpoint: names this log (a schema-less URL). */
  logOrigin: string;
  /** A C2SP note signer key (secret, never logged); unset: a key kept in the data dir. */
  signingKey?: string;
  /** Least time between two signed checkpoints; 0 signs whenever one is asked for and the log grew. */
  checkpointIntervalMs: number;
  /** Approximate bytes of folded aggregate states kept in memory (0: no cache). */
  stateCacheBytes: number;
  /** Events between two snapshots of a long stream's state (0: no snapshots). */
  snapshotEvery: number;
  /** Breached periods in a row (one metric, offering, relationship) that make the ledger propose an improvement. */
  breachStreak: number;
  /** Absolute path of the built dashboard to serve at `/`; undefined: the one built beside the code. */
  webDir?: string;
}

type Env = Record<string, string | undefined>;

const MIN_KEY_LENGTH = 16;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Reads the environment once and validates every value; a bad one throws {@link ConfigError}. */
export function loadLedgerConfig(
  env: Env = process.env,
  cwd = process.cwd(),
  /** Whether standard output is a terminal: it picks the default log format. */
  terminal = process.stdout.isTTY === true,
): LedgerConfig {
  const apiKeys = parseApiKeys(env.LEDGER_API_KEYS);
  const host = text(env, 'HOST') ?? '127.0.0.1';
  if (apiKeys.length === 0 && !LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(
      'HOST',
      `"${host}" is not a loopback address; without LEDGER_API_KEYS the API runs open and may listen on loopback only`,
    );
  }
  const eventStore = oneOf(
    env,
    'LEDGER_EVENT_STORE',
    ['sqlite', 'eventstoredb', 'postgres'] as const,
    'sqlite',
  );
  const dataDir = text(env, 'LEDGER_DATA_DIR') ?? './data';
  const webDir = text(env, 'LEDGER_WEB_DIR');
  const connectionString = text(env, 'EVENTSTOREDB_CONNECTION_STRING');
  if (eventStore === 'eventstoredb') {
    if (!connectionString) {
      throw new ConfigError(
        'EVENTSTOREDB_CONNECTION_STRING',
        'is required when LEDGER_EVENT_STORE=eventstoredb',
      );
    }
    if (!/^esdb(\+discover)?:\/\//.test(connectionString)) {
      throw new ConfigError(
        'EVENTSTOREDB_CONNECTION_STRING',
        'must start with esdb:// or esdb+discover:// (e.g. esdb://localhost:2113?tls=false)',
      );
    }
  }
  const postgresUrl = text(env, 'LEDGER_POSTGRES_URL');
  // Opt-in: until projections run in a projector that owns them, every API process runs them,
  // and two processes must not write one set of read models.
  const readModels = oneOf(env, 'LEDGER_READ_MODELS', ['sqlite', 'postgres'] as const, 'sqlite');
  const needsPostgres =
    eventStore === 'postgres'
      ? 'LEDGER_EVENT_STORE=postgres'
      : readModels === 'postgres'
        ? 'LEDGER_READ_MODELS=postgres'
        : undefined;
  if (needsPostgres) {
    if (!postgresUrl) {
      throw new ConfigError('LEDGER_POSTGRES_URL', `is required when ${needsPostgres}`);
    }
    // The message never quotes the value: it may carry a password.
    if (!/^postgres(ql)?:\/\/[^\s]+$/.test(postgresUrl)) {
      throw new ConfigError(
        'LEDGER_POSTGRES_URL',
        'must be a postgres:// or postgresql:// URL (e.g. postgres://ledger@127.0.0.1:5432/ledger)',
      );
    }
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    eventStore,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    eventStoreDbConnectionString: connectionString,
    postgresUrl,
    readModels,
    idempotencyKeys: needsPostgres ? 'postgres' : 'sqlite',
    apiKeys,
    logFormat: oneOf(env, 'LEDGER_LOG_FORMAT', LOG_FORMATS, terminal ? 'pretty' : 'json'),
    logLevel: oneOf(env, 'LEDGER_LOG_LEVEL', LOG_LEVELS, 'info'),
    rateLimitPerMinute: integer(env, 'LEDGER_RATE_LIMIT', 1200, 0, 10_000_000),
    readyMaxLag: integer(env, 'LEDGER_READY_MAX_LAG', 10_000, 0, Number.MAX_SAFE_INTEGER),
    bodyLimitBytes: integer(env, 'LEDGER_BODY_LIMIT_BYTES', 64 * 1024, 1024, 64 * 1024 * 1024),
    sqliteSynchronous: oneOf(
      env,
      'LEDGER_SQLITE_SYNCHRONOUS',
      ['FULL', 'EXTRA', 'NORMAL'] as const,
      'FULL',
    ),
    sqliteBackgroundCheckpointMs: integer(env, 'LEDGER_SQLITE_CHECKPOINT_MS', 50, 0, 60_000),
    minPositionTimeoutMs: integer(env, 'LEDGER_MIN_POSITION_TIMEOUT_MS', 5000, 0, 60_000),
    projectionBatchSize: integer(env, 'LEDGER_PROJECTION_BATCH_SIZE', 500, 1, 100_000),
    projections: oneOf(env, 'LEDGER_PROJECTIONS', ['on', 'off'] as const, 'on'),
    projectorStandbyPollMs: integer(env, 'LEDGER_PROJECTOR_STANDBY_POLL_MS', 1000, 10, 60_000),
    webDir: webDir === undefined || isAbsolute(webDir) ? webDir : resolve(cwd, webDir),
    eventStreamHeartbeatMs: integer(env, 'LEDGER_EVENT_STREAM_HEARTBEAT_MS', 15_000, 10, 600_000),
    requestTimeoutMs: integer(env, 'LEDGER_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    idempotencyRetentionDays: integer(env, 'LEDGER_IDEMPOTENCY_RETENTION_DAYS', 7, 1, 3650),
    logOrigin: logOrigin(env),
    signingKey: signingKey(env),
    checkpointIntervalMs: integer(env, 'LEDGER_CHECKPOINT_INTERVAL_MS', 10_000, 0, 86_400_000),
    stateCacheBytes: integer(env, 'LEDGER_STATE_CACHE_BYTES', 64 * 1024 * 1024, 0, 2 ** 40),
    snapshotEvery: integer(env, 'LEDGER_SNAPSHOT_EVERY', 1000, 0, 1_000_000),
    breachStreak: integer(env, 'LEDGER_BREACH_STREAK', 3, 2, 1000),
  };
}

export const DEFAULT_LOG_ORIGIN = 'localhost/service-relationship-ledger';

function logOrigin(env: Env): string {
  const origin = text(env, 'LEDGER_LOG_ORIGIN') ?? DEFAULT_LOG_ORIGIN;
  // It also names a generated signing key, and key names hold no '+' or white space.
  if (!/^[^\s+]{1,200}$/u.test(origin)) {
    throw new ConfigError(
      'LEDGER_LOG_ORIGIN',
      "must be up to 200 characters without spaces or '+', e.g. ledger.example.com/relationships",
    );
  }
  return origin;
}

function signingKey(env: Env): string | undefined {
  const key = text(env, 'LEDGER_SIGNING_KEY');
  if (key === undefined) return undefined;
  try {
    parseSignerKey(key);
  } catch (error) {
    // The message says what is wrong with the form, never the key itself.
    throw new ConfigError(
      'LEDGER_SIGNING_KEY',
      `not a C2SP note signer key: ${(error as Error).message}`,
    );
  }
  return key;
}

/** `name:role:key` triples, comma separated; the key is everything after the second colon. */
export function parseApiKeys(raw: string | undefined): ApiKey[] {
  const variable = 'LEDGER_API_KEYS';
  if (raw === undefined || raw.trim() === '') return [];
  // A malformed entry may be a secret in the wrong place (a bare key, the fields swapped), so
  // per-entry messages name the entry by its number and never quote any part of it.
  const keys = raw.split(',').map((entry, index) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    const where = `entry ${index + 1}`;
    if (!name || !/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw new ConfigError(
        variable,
        `${where}: name must be letters, digits, '.', '_' or '-' (format name:role:key)`,
      );
    }
    if (!role || !isRole(role)) {
      throw new ConfigError(
        variable,
        `${where}: role must be one of ${ROLES.join(', ')} (format name:role:key)`,
      );
    }
    if (key.length < MIN_KEY_LENGTH) {
      throw new ConfigError(
        variable,
        `${where}: key must be at least ${MIN_KEY_LENGTH} characters`,
      );
    }
    if (!/^[\x21-\x7e]+$/.test(key)) {
      // A bearer token cannot carry these: such a key could never authenticate.
      throw new ConfigError(
        variable,
        `${where}: key must be printable ASCII without white space or control characters`,
      );
    }
    return { name, role, key };
  });
  const names = new Set<string>();
  const secrets = new Set<string>();
  for (const { name, key } of keys) {
    if (names.has(name)) throw new ConfigError(variable, `name "${name}" appears twice`);
    if (secrets.has(key))
      throw new ConfigError(variable, `two entries share one key (second: "${name}")`);
    names.add(name);
    secrets.add(key);
  }
  return keys;
}

function text(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const value = text(env, variable);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(variable, `"${value}" is not a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function oneOf<T extends string>(
  env: Env,
  variable: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = text(env, variable);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(variable, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}
