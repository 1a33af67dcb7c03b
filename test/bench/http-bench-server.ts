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
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${String(error)}\n`);
  process.exit(1);
});
