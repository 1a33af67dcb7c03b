import { IdempotencyPruner, type CommandAnswer, type IdempotencyStore } from '@app/ledger';

/** How a suite opens the adapter; stores opened by one case share one database. */
export interface IdempotencyContractOptions {
  /** A fresh, empty index for a case (its own file or database). */
  create(now: () => string): Promise<{ open(now: () => string): Promise<IdempotencyStore> }>;
}

const answer: CommandAnswer = { id: 'a', streamId: 'organization-a', revision: 0, position: '1' };

/**
 * The Idempotency-Key index contract, the same for every adapter; "two instances" are two
 * stores on one database (two API processes sharing it).
 */
export function describeIdempotencyContract(
  name: string,
  options: IdempotencyContractOptions,
): void {
  describe(`idempotency store contract: ${name}`, () => {
    let now: string;
    const opened: IdempotencyStore[] = [];
    let shared: { open(now: () => string): Promise<IdempotencyStore> };

    beforeEach(async () => {
      now = '2026-01-01T00:00:00.000Z';
      shared = await options.create(() => now);
    });

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function instance(): Promise<IdempotencyStore> {
      const store = await shared.open(() => now);
      opened.push(store);
      return store;
    }

    it('a released key is free for another request; an answered one is not released', async () => {
      const store = await instance();
      expect(await store.claim('svc', 'k', 'h1')).toEqual({ kind: 'proceed' });
      expect(await store.claim('svc', 'k', 'h1')).toEqual({ kind: 'proceed' });
      expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'mismatch' });
      await store.release('svc', 'k', 'h1');
      expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'proceed' });
      await store.complete('svc', 'k', answer);
      await store.release('svc', 'k', 'h2');
      expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'answered', answer });
      // Keys are scoped by actor.
      expect(await store.claim('other', 'k', 'h1')).toEqual({ kind: 'proceed' });
    });

    it('release names the request: another request cannot free the key', async () => {
      const store = await instance();
      await store.claim('svc', 'k', 'h1');
      await store.release('svc', 'k', 'h2');
      expect(await store.claim('svc', 'k', 'h2')).toEqual({ kind: 'mismatch' });
    });

    it('a key bound on one instance is bound on the other; its answer is replayed there', async () => {
      const [a, b] = [await instance(), await instance()];
      expect(await a.claim('svc', 'k', 'h1')).toEqual({ kind: 'proceed' });
      expect(await b.claim('svc', 'k', 'h2')).toEqual({ kind: 'mismatch' });
      await a.complete('svc', 'k', answer);
      expect(await b.claim('svc', 'k', 'h1')).toEqual({ kind: 'answered', answer });
      await b.release('svc', 'k', 'h1');
      expect(await a.claim('svc', 'k', 'h1')).toEqual({ kind: 'answered', answer });
    });

    it('concurrent claims of one key on two instances: one request binds it, the other is refused', async () => {
      const [a, b] = [await instance(), await instance()];
      for (let round = 0; round < 20; round++) {
        const key = `race-${round}`;
        const claims = await Promise.all([
          a.claim('svc', key, 'from-a'),
          b.claim('svc', key, 'from-b'),
          a.claim('svc', key, 'from-a'),
          b.claim('svc', key, 'from-b'),
        ]);
        const kinds = claims.map((c) => c.kind);
        // Whichever request bound the key proceeds (twice: same request), the other is refused.
        const winner = kinds[0] === 'proceed' ? 0 : 1;
        expect(kinds).toEqual(
          winner === 0
            ? ['proceed', 'mismatch', 'proceed', 'mismatch']
            : ['mismatch', 'proceed', 'mismatch', 'proceed'],
        );
      }
    });

    it('the pruner forgets keys older than the retention, in batches', async () => {
      const store = await instance();
      for (let i = 0; i < 1200; i++) await store.claim('svc', `old-${i}`, 'h');
      now = '2026-01-07T12:00:00.000Z';
      await store.claim('svc', 'recent', 'h');
      const clock = { now: () => new Date('2026-01-08T06:00:00.000Z') };
      const pruner = new IdempotencyPruner(store, clock, 7);
      expect(await pruner.pruneNow()).toBe(1200);
      expect(await store.claim('svc', 'old-1', 'other')).toEqual({ kind: 'proceed' });
      expect(await store.claim('svc', 'recent', 'other')).toEqual({ kind: 'mismatch' });
      // 1,201 claims each wait for their own flush: seconds on a loaded disk, not a hang.
    }, 60_000);
  });
}
