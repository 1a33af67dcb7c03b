import { createServer, type Server } from 'node:net';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** A loopback port that nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// Wiring only: LEDGER_EVENT_STORE=eventstoredb opens the EventStoreDB adapter. No server runs
// here (none is faked), so the real client must report it unreachable; the adapter's behaviour
// against a real server is the contract run in test/contract/eventstoredb.contract-spec.ts.
describe('LEDGER_EVENT_STORE=eventstoredb', () => {
  let t: TestApp;

  beforeAll(async () => {
    const port = await closedPort();
    t = await startTestApp({
      env: {
        LEDGER_EVENT_STORE: 'eventstoredb',
        EVENTSTOREDB_CONNECTION_STRING: `esdb://127.0.0.1:${port}?tls=false`,
      },
    });
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('GET /health names the EventStoreDB store and says it is unreachable (503)', async () => {
    const res = await request(t.server).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { store: { status: 'down', kind: 'eventstoredb', reachable: false } },
    });
    // Why, in words of the ledger's: /health needs no key, so no host, port or driver text.
    expect(res.body.error.store.message).toMatch(
      /^the eventstoredb store is unreachable: (connection refused|server unavailable|timed out)$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|UNAVAILABLE/);
  });
});
