import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where the contract tests find PostgreSQL; override with LEDGER_TEST_POSTGRES_URL. */
const ADMIN_URL =
  process.env.LEDGER_TEST_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throw-away database for one test file: created at start, dropped at the end. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `ledger_test_<random>` on the local server, or says in one line why it could not
 * (the server is down, the role is missing), so the caller can skip with that reason.
 */
export async function createTestDatabase(): Promise<TestDatabase | { unavailable: string }> {
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return {
      unavailable: `PostgreSQL at ${redact(ADMIN_URL)} is not reachable (${(error as Error).message})`,
    };
  }
  const name = `ledger_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Whether the server answers, decided synchronously (jest chooses between `describe` and
 * `describe.skip` while collecting, before any hook runs): undefined when it does, else why not.
 */
export function postgresUnavailable(): string | undefined {
  const probe = `const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0),
      (e) => { process.stderr.write(e.message); process.exit(1); });`;
  try {
    execFileSync(process.execPath, ['-e', probe, ADMIN_URL], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `PostgreSQL at ${redact(ADMIN_URL)} is not reachable (${stderr || 'no answer'})`;
  }
}

/** A test file's throw-away database: created before its tests, dropped after them. */
export interface FileDatabase {
  /** Why the file's cases cannot run (printed once at collection), or undefined. */
  readonly unavailable: string | undefined;
  /** The database's URL; throws, naming why, when it could not be created. */
  url(): string;
}

/**
 * Registers the hooks that create and drop one database for the calling test file, and prints
 * one line saying why `cases` are skipped when the server does not answer.
 */
export function throwAwayDatabaseForFile(cases: string): FileDatabase {
  let database: TestDatabase | undefined;
  let unavailable = postgresUnavailable();
  if (unavailable !== undefined) {
    process.stdout.write(
      `${cases} skipped: ${unavailable}. Start it (e.g. \`pg_ctlcluster 15 main start\`) or set LEDGER_TEST_POSTGRES_URL.\n`,
    );
  }
  beforeAll(async () => {
    if (unavailable !== undefined) return;
    const created = await createTestDatabase();
    if ('unavailable' in created) unavailable = created.unavailable;
    else database = created;
  }, 30_000);
  afterAll(async () => {
    await database?.drop();
  }, 30_000);
  return {
    get unavailable() {
      return unavailable;
    },
    url() {
      if (database === undefined) throw new Error(`skipped: ${unavailable ?? 'no database'}`);
      return database.url;
    },
  };
}
