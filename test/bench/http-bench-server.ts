/**
 * The ledger API as `npm run bench:http` runs it, in its own process (so the load generator
 * does not share its event loop): real config from the environment, real store, listening on
 * an ephemeral loopback port, which it prints as `LISTENING <port>`.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { createLedgerApp } from '../../apps/ledger-api/src/app.factory';
import { loadLedgerConfig } from '@app/config';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  const app = await createLedgerApp(config, { logger: ['error'] });
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`LISTENING ${address.port}\n`);
  // SIGTERM/SIGINT close the app through the shutdown hooks createLedgerApp enables (a handler
  // of its own here closed it a second time: the PostgreSQL read models' pool ended twice).
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${String(error)}\n`);
  process.exit(1);
});
