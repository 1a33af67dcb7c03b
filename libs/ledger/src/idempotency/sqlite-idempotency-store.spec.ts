import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencySynchronous, SqliteIdempotencyStore } from './sqlite-idempotency-store';

type Run = (this: Database.Statement, ...params: unknown[]) => Database.RunResult;
type Pragma = (this: Database.Database, source: string, options?: object) => unknown;

/**
 * Follows what better-sqlite3 runs: the `synchronous` mode each pragma sets, and each write
 * (INSERT, UPDATE) with the mode in effect when it committed (the store writes in autocommit).
 */
function traceWrites(): { writes: string[]; restore(): void } {
  const probe = new Database(':memory:');
  const statements = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: Run };
  probe.close();
  const run = statements.run;
  const pragma: Pragma = Database.prototype.pragma;
  const writes: string[] = [];
  let mode = '?';
  const track = (source: string) => {
    const set = /synchronous\s*=\s*(\w+)/i.exec(source);
    if (set) mode = set[1].toUpperCase();
    const write = /^\s*(INSERT|UPDATE)\b/i.exec(source);
    if (write) writes.push(`${write[1].toUpperCase()} ${mode}`);
  };
  const runSpy = jest.spyOn(statements, 'run').mockImplementation(function (
    this: Database.Statement,
    ...params: unknown[]
  ) {
    track(this.source);
    return run.apply(this, params);
  });
  const pragmaSpy = jest.spyOn(Database.prototype, 'pragma').mockImplementation(function (
    this: Database.Database,
    source: string,
    options?: object,
  ) {
    track(source);
    return pragma.call(this, source, options);
  });
  return {
    writes,
    restore: () => {
      runSpy.mockRestore();
      pragmaSpy.mockRestore();
    },
  };
}

describe('SqliteIdempotencyStore durability (LEDGER_SQLITE_SYNCHRONOUS)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idempotency-sync-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const answer = { id: 'a', streamId: 'organization-a', revision: 0, position: '1' };

  it.each<IdempotencySynchronous>(['FULL', 'EXTRA', 'NORMAL'])(
    'claims with the configured %s, writes the answer best effort (NORMAL)',
    async (synchronous) => {
      const trace = traceWrites();
      const store = new SqliteIdempotencyStore(join(dir, 'keys.db'), undefined, synchronous);
      try {
        expect(await store.claim('svc', 'k1', 'h1')).toEqual({ kind: 'proceed' });
        await store.complete('svc', 'k1', answer);
        expect(await store.claim('svc', 'k2', 'h2')).toEqual({ kind: 'proceed' });
        expect(await store.claim('svc', 'k1', 'h1')).toEqual({ kind: 'answered', answer });
      } finally {
        trace.restore();
        await store.close();
      }
      expect(trace.writes).toEqual([
        `INSERT ${synchronous}`,
        'UPDATE NORMAL',
        `INSERT ${synchronous}`,
      ]);
    },
  );

  it('claims with FULL by default', async () => {
    const trace = traceWrites();
    const store = new SqliteIdempotencyStore(join(dir, 'keys.db'));
    try {
      await store.claim('svc', 'k1', 'h1');
    } finally {
      trace.restore();
      await store.close();
    }
    expect(trace.writes).toEqual(['INSERT FULL']);
  });

  it('refuses an unknown mode', () => {
    expect(
      () => new SqliteIdempotencyStore(join(dir, 'keys.db'), undefined, 'OFF' as 'FULL'),
    ).toThrow(RangeError);
  });
});
