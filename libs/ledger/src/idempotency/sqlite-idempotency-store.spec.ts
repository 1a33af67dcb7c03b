import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyPruner } from './idempotency-pruner';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

const answer = { id: 'a', streamId: 'organization-a', revision: 0, position: '1' };

describe('SqliteIdempotencyStore: release and expiry', () => {
  let dir: string;
  let now: string;
  let store: SqliteIdempotencyStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-idem-'));
    now = '2026-01-01T00:00:00.000Z';
    store = new SqliteIdempotencyStore(join(dir, 'idempotency.db'), () => now);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a released key is free for another request; an answered one is not released', async () => {
    expect(await store.claim('svc', 'k', 'h1')).toEqual({ kind: 'proceed' });
    expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'mismatch' });
    await store.release('svc', 'k', 'h1');
    expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'proceed' });
    await store.complete('svc', 'k', answer);
    await store.release('svc', 'k', 'h2');
    expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'answered', answer });
  });

  it('release names the request: another request cannot free the key', async () => {
    await store.claim('svc', 'k', 'h1');
    await store.release('svc', 'k', 'h2');
    expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'mismatch' });
  });

  it('the pruner forgets keys older than the retention, in batches', async () => {
    for (let i = 0; i < 1200; i++) await store.claim('svc', `old-${i}`, 'h');
    now = '2026-01-07T12:00:00.000Z';
    await store.claim('svc', 'recent', 'h');
    const clock = { now: () => new Date('2026-01-08T06:00:00.000Z') };
    const pruner = new IdempotencyPruner(store, clock, 7);
    expect(await pruner.pruneNow()).toBe(1200);
    expect(await store.claim('svc', 'old-1', 'other')).toEqual({ kind: 'proceed' });
    expect(await store.claim('svc', 'recent', 'other')).toEqual({ kind: 'mismatch' });
    // 1,201 claims each wait for their own fsync: seconds on a loaded disk, not a hang.
  }, 60_000);
});
