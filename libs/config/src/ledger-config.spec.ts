import { generateSignerKey } from '@app/event-store';
import { ConfigError } from './config-error';
import { loadLedgerConfig } from './ledger-config';

const KEY = 'k'.repeat(16);

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadLedgerConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadLedgerConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadLedgerConfig({}, '/srv', false);
    expect(config).toMatchObject({
      logFormat: 'json',
      logLevel: 'info',
      rateLimitPerMinute: 1200,
      readyMaxLag: 10000,
      port: 3000,
      host: '127.0.0.1',
      eventStore: 'sqlite',
      dataDir: '/srv/data',
      apiKeys: [],
      bodyLimitBytes: 65536,
      sqliteSynchronous: 'FULL',
      minPositionTimeoutMs: 5000,
      eventStreamHeartbeatMs: 15000,
      projections: 'on',
      projectorStandbyPollMs: 1000,
    });
  });

  it('logs in JSON unless standard output is a terminal or LEDGER_LOG_FORMAT says otherwise', () => {
    expect(loadLedgerConfig({}, '/srv', true).logFormat).toBe('pretty');
    expect(loadLedgerConfig({ LEDGER_LOG_FORMAT: 'json' }, '/srv', true).logFormat).toBe('json');
    expect(loadLedgerConfig({ LEDGER_LOG_FORMAT: 'pretty' }, '/srv', false).logFormat).toBe(
      'pretty',
    );
  });

  it('parses name:role:key triples; the key may contain colons', () => {
    const config = loadLedgerConfig(
      { LEDGER_API_KEYS: `crm:service:${KEY}:x, audit:auditor:${KEY}y` },
      '/srv',
    );
    expect(config.apiKeys).toEqual([
      { name: 'crm', role: 'service', key: `${KEY}:x` },
      { name: 'audit', role: 'auditor', key: `${KEY}y` },
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LEDGER_EVENT_STORE: 'mysql' }, 'LEDGER_EVENT_STORE'],
    [{ LEDGER_EVENT_STORE: 'postgres' }, 'LEDGER_POSTGRES_URL'],
    [
      { LEDGER_EVENT_STORE: 'postgres', LEDGER_POSTGRES_URL: 'mysql://u:secretpw@h/db' },
      'LEDGER_POSTGRES_URL',
    ],
    [{ LEDGER_EVENT_STORE: 'eventstoredb' }, 'EVENTSTOREDB_CONNECTION_STRING'],
    [{ LEDGER_READ_MODELS: 'postgres' }, 'LEDGER_POSTGRES_URL'],
    [{ LEDGER_READ_MODELS: 'redis' }, 'LEDGER_READ_MODELS'],
    [{ LEDGER_READ_MODELS: 'postgres', LEDGER_POSTGRES_URL: 'pg:x' }, 'LEDGER_POSTGRES_URL'],
    [
      { LEDGER_EVENT_STORE: 'eventstoredb', EVENTSTOREDB_CONNECTION_STRING: 'http://x' },
      'EVENTSTOREDB_CONNECTION_STRING',
    ],
    [{ LEDGER_API_KEYS: `crm:superuser:${KEY}` }, 'LEDGER_API_KEYS'],
    [{ LEDGER_API_KEYS: 'crm:service:short' }, 'LEDGER_API_KEYS'],
    [{ LEDGER_API_KEYS: `a:service:${KEY},a:analyst:${KEY}z` }, 'LEDGER_API_KEYS'],
    [{ LEDGER_API_KEYS: `a:service:${KEY},b:analyst:${KEY}` }, 'LEDGER_API_KEYS'],
    [{ HOST: '0.0.0.0' }, 'HOST'],
    [{ LEDGER_SQLITE_SYNCHRONOUS: 'OFF' }, 'LEDGER_SQLITE_SYNCHRONOUS'],
    [{ LEDGER_LOG_ORIGIN: 'my ledger' }, 'LEDGER_LOG_ORIGIN'],
    [{ LEDGER_SIGNING_KEY: 'PRIVATE+KEY+x+00000000+c2VjcmV0LXZhbHVl' }, 'LEDGER_SIGNING_KEY'],
    [{ LEDGER_CHECKPOINT_INTERVAL_MS: '-1' }, 'LEDGER_CHECKPOINT_INTERVAL_MS'],
    [{ LEDGER_LOG_FORMAT: 'xml' }, 'LEDGER_LOG_FORMAT'],
    [{ LEDGER_LOG_LEVEL: 'verbose' }, 'LEDGER_LOG_LEVEL'],
    [{ LEDGER_RATE_LIMIT: '-1' }, 'LEDGER_RATE_LIMIT'],
    [{ LEDGER_READY_MAX_LAG: 'lots' }, 'LEDGER_READY_MAX_LAG'],
    [{ LEDGER_PROJECTIONS: 'projector' }, 'LEDGER_PROJECTIONS'],
    [{ LEDGER_PROJECTOR_STANDBY_POLL_MS: '0' }, 'LEDGER_PROJECTOR_STANDBY_POLL_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('takes the PostgreSQL store with its URL, and never quotes a refused URL (it may hold a password)', () => {
    const url = 'postgres://ledger:pw@db.example:5432/ledger';
    const config = loadLedgerConfig({ LEDGER_EVENT_STORE: 'postgres', LEDGER_POSTGRES_URL: url });
    expect(config).toMatchObject({ eventStore: 'postgres', postgresUrl: url });
    const error = errorOf({ LEDGER_EVENT_STORE: 'postgres', LEDGER_POSTGRES_URL: 'pg:secretpw@x' });
    expect(error.message).not.toContain('secretpw');
  });

  it('keeps idempotency keys in PostgreSQL whenever there is one, read models when told to', () => {
    const url = 'postgres://ledger@db.example:5432/ledger';
    expect(loadLedgerConfig({})).toMatchObject({ readModels: 'sqlite', idempotencyKeys: 'sqlite' });
    expect(
      loadLedgerConfig({ LEDGER_EVENT_STORE: 'postgres', LEDGER_POSTGRES_URL: url }),
    ).toMatchObject({ readModels: 'sqlite', idempotencyKeys: 'postgres' });
    expect(
      loadLedgerConfig({
        LEDGER_EVENT_STORE: 'postgres',
        LEDGER_POSTGRES_URL: url,
        LEDGER_READ_MODELS: 'postgres',
      }),
    ).toMatchObject({ readModels: 'postgres', idempotencyKeys: 'postgres' });
    // The cluster log with shared read models (EventStoreDB + PostgreSQL).
    expect(
      loadLedgerConfig({
        LEDGER_EVENT_STORE: 'eventstoredb',
        EVENTSTOREDB_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        LEDGER_READ_MODELS: 'postgres',
        LEDGER_POSTGRES_URL: url,
      }),
    ).toMatchObject({
      eventStore: 'eventstoredb',
      readModels: 'postgres',
      idempotencyKeys: 'postgres',
      postgresUrl: url,
    });
  });

  it.each([
    ['a bare secret', 'my-very-secret-api-key-123'],
    ['name and key swapped', 'my-very-secret-api-key-123:service:crm'],
    ['role missing', 'crm:my-very-secret-api-key-123'],
    ['a short key', 'crm:service:my-secret'],
    ['a key with a space', 'crm:service:my-very-secret api-key'],
    ['a key with a tab', 'crm:service:my-very-secret\tapi-key'],
  ])('a malformed entry (%s) is refused without echoing any of it', (_case, entry) => {
    const error = errorOf({ LEDGER_API_KEYS: `ok:admin:${KEY},${entry}` });
    expect(error.variable).toBe('LEDGER_API_KEYS');
    expect(error.message).toMatch(/entry 2/);
    for (const part of entry.split(/[:\s]/).filter((p) => p.length > 3 && p !== 'service')) {
      expect(error.message).not.toContain(part);
    }
  });

  it('allows a public HOST once API keys are set', () => {
    expect(loadLedgerConfig({ HOST: '0.0.0.0', LEDGER_API_KEYS: `a:admin:${KEY}` }).host).toBe(
      '0.0.0.0',
    );
  });

  it('takes the checkpoint settings, and never repeats a signing key it refuses', () => {
    expect(loadLedgerConfig({}, '/srv')).toMatchObject({
      logOrigin: 'localhost/service-relationship-ledger',
      signingKey: undefined,
      checkpointIntervalMs: 10_000,
    });
    const key = 'PRIVATE+KEY+ledger.test/log+bd4f2ca0+AXd7MYX2nYkbtGf9ZEbGe8ddTDoaPgV0+jUgVcTIPsqX';
    expect(() => loadLedgerConfig({ LEDGER_SIGNING_KEY: key }, '/srv')).toThrow(ConfigError);
    const error = errorOf({ LEDGER_SIGNING_KEY: key });
    expect(error.message).not.toContain('AXd7MYX2');
    const good = generateSignerKey('ledger.test/log');
    expect(loadLedgerConfig({ LEDGER_SIGNING_KEY: good }, '/srv').signingKey).toBe(good);
  });
});
