import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, QueryResultRow } from 'pg';
import { createTestDatabase, TestDatabase } from '../contract/support/postgres-test-database';
import { builtEntry, ensureBuilt } from './built-ledger';
import { HttpClient } from './http-client';
import { LedgerProcess } from './ledger-process';
import { TEST_API_KEYS } from './test-keys';

/** Starting an API under load (2 shared cores, other suites running) can take a while. */
const START_TIMEOUT_MS = 60_000;

/** An API process of the cluster, with a client for its port. */
export interface ClusterApi {
  name: string;
  process: LedgerProcess;
  http: HttpClient;
  dataDir: string;
}

/** A projector process of the cluster (`npm run projector`). */
export interface ClusterProjector {
  name: string;
  process: LedgerProcess;
  /** Whether it has said it owns projections (a standby says so when it takes over). */
  owns(): boolean;
}

/** Every process ever started, so an aborted run (a worker exiting) still kills them. */
const everyProcess = new Set<LedgerProcess>();
process.once('exit', () => {
  for (const child of everyProcess)
    if (child.running && child.pid) process.kill(child.pid, 'SIGKILL');
});

/**
 * Ledger processes sharing one throw-away PostgreSQL database (LEDGER_EVENT_STORE=postgres):
 * each with its own data dir, port and log. {@link dispose} kills them all and drops the
 * database; {@link guard} prints their logs when a test body fails.
 */
export class ScaleCluster {
  private readonly apis = new Map<string, ClusterApi>();
  private readonly processes: LedgerProcess[] = [];

  private constructor(
    readonly database: TestDatabase,
    private readonly root: string,
  ) {}

  /** Builds dist/ if stale and creates the database; no process runs yet. */
  static async create(): Promise<ScaleCluster> {
    await ensureBuilt();
    const created = await createTestDatabase();
    if ('unavailable' in created) throw new Error(created.unavailable);
    return new ScaleCluster(created, mkdtempSync(join(tmpdir(), 'ledger-scale-')));
  }

  /**
   * Starts (or restarts, on its own data dir) the API called `name` and waits until
   * `/health/ready` answers 200.
   */
  async startApi(name: string, env: Record<string, string> = {}): Promise<ClusterApi> {
    const previous = this.apis.get(name);
    if (previous?.process.running) throw new Error(`${name} is already running`);
    const dataDir = previous?.dataDir ?? join(this.root, name);
    mkdirSync(dataDir, { recursive: true });
    const child = this.spawn(name, builtEntry('ledger-api'), {
      PORT: '0',
      HOST: '127.0.0.1',
      LEDGER_DATA_DIR: dataDir,
      ...env,
    });
    const [, url] = await child.waitForLine(
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      START_TIMEOUT_MS,
    );
    const api: ClusterApi = { name, process: child, http: new HttpClient(url), dataDir };
    this.apis.set(name, api);
    await this.waitReady(api);
    return api;
  }

  /**
   * Starts a projector on the shared database with its own data dir; resolves once it says
   * whether it owns projections or stands by.
   */
  async startProjector(name: string, env: Record<string, string> = {}): Promise<ClusterProjector> {
    const dataDir = join(this.root, name);
    mkdirSync(dataDir, { recursive: true });
    const child = this.spawn(name, builtEntry('ledger-projector'), {
      LEDGER_DATA_DIR: dataDir,
      ...env,
    });
    await child.waitForLine(/projector: (owns|standby)/, START_TIMEOUT_MS);
    return {
      name,
      process: child,
      owns: () => child.output().some((line) => line.includes('projector: owns')),
    };
  }

  /** One SQL query on the cluster's database (to look at the log as it is stored). */
  async sql<Row extends QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query<Row>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Runs `body`; if it throws, the processes' logs are printed with the failure. */
  async guard<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      process.stdout.write(`${this.report()}\n`);
      throw error;
    }
  }

  /** The last lines of every process's output. */
  report(): string {
    return this.processes.map((child) => child.report()).join('\n');
  }

  /** Kills every process (SIGKILL: nothing of theirs is kept), drops the database, removes the dirs. */
  async dispose(): Promise<void> {
    await Promise.all(this.processes.map((child) => child.kill9()));
    for (const child of this.processes) everyProcess.delete(child);
    try {
      await this.database.drop();
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  private spawn(name: string, entry: string, env: Record<string, string>): LedgerProcess {
    const child = new LedgerProcess({
      name,
      entry,
      env: {
        // Nothing of the runner's own LEDGER_* settings leaks into the processes under test.
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? this.root,
        LEDGER_API_KEYS: TEST_API_KEYS,
        LEDGER_EVENT_STORE: 'postgres',
        LEDGER_POSTGRES_URL: this.database.url,
        LEDGER_RATE_LIMIT: '0',
        LEDGER_LOG_FORMAT: 'json',
        // A read with ?minPosition waits for the projections; on a loaded machine a process that
        // just started may need longer than the default 5 s to catch up.
        LEDGER_MIN_POSITION_TIMEOUT_MS: '30000',
        ...env,
      },
    });
    this.processes.push(child);
    everyProcess.add(child);
    return child;
  }

  private async waitReady(api: ClusterApi): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!api.process.running) throw new Error(`${api.name} exited before it was ready`);
      try {
        const answer = await api.http.get('/health/ready');
        if (answer.status === 200) return;
        last = `${answer.status} ${JSON.stringify(answer.body)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(100);
    }
    throw new Error(`${api.name} not ready after ${START_TIMEOUT_MS} ms: ${last}`);
  }
}
