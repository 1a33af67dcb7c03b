import { PostgresAdvisoryOwnership } from '@app/projections/postgres';
import { startTestApp, TestApp } from '../support/test-app';
import { throwAwayDatabaseForFile } from '../contract/support/postgres-test-database';

const pg = throwAwayDatabaseForFile('inline projection locks e2e');

/**
 * With the read models in PostgreSQL, an API that runs the projections inline owns them as a
 * projector would: it refuses to start while a projector owns one, and a projector waits for it.
 */
(pg.unavailable === undefined ? describe : describe.skip)(
  'an API with projections inline on shared read models',
  () => {
    let t: TestApp | undefined;
    const env = () => ({ LEDGER_READ_MODELS: 'postgres', LEDGER_POSTGRES_URL: pg.url() });

    afterAll(async () => {
      await t?.dispose();
    }, 30_000);

    it('refuses to start while a projector owns a projection, naming it', async () => {
      const projector = await PostgresAdvisoryOwnership.connect(pg.url());
      try {
        expect([...(await projector.claim(['catalog']))]).toEqual(['catalog']);
        await expect(startTestApp({ env: env() })).rejects.toThrow(
          /projections catalog are owned by a projector .*LEDGER_PROJECTIONS=off/,
        );
      } finally {
        await projector.release();
      }
    });

    it('owns every projection while it runs, and gives them back when it stops', async () => {
      t = await startTestApp({ env: env() });
      const projector = await PostgresAdvisoryOwnership.connect(pg.url());
      try {
        expect((await projector.claim(['catalog', 'relationship-summary'])).size).toBe(0);
        await t.close();
        // The server frees a session's locks as its backend exits, just after the socket closes.
        let held = 0;
        for (let i = 0; i < 100 && held < 2; i++) {
          held = (await projector.claim(['catalog', 'relationship-summary'])).size;
          if (held < 2) await new Promise((r) => setTimeout(r, 20));
        }
        expect(held).toBe(2);
      } finally {
        await projector.release();
      }
    });
  },
);
