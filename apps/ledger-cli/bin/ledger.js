#!/usr/bin/env node
'use strict';
// Launches the ledger CLI from any working directory. In a checkout (after `npm install`) it
// runs the TypeScript source through ts-node, so it never runs a stale build; where ts-node is
// absent (a production install) it runs the output of `nest build ledger-cli`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');

function load() {
  let tsNode;
  try {
    tsNode = require('ts-node');
  } catch {
    tsNode = undefined;
  }
  if (tsNode) {
    tsNode.register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
    const tsconfigPaths = require('tsconfig-paths');
    const config = tsconfigPaths.loadConfig(root);
    tsconfigPaths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
    return require(join(root, 'apps/ledger-cli/src/main.ts'));
  }
  const built = [
    join(root, 'dist/apps/ledger-cli/main.js'),
    join(root, 'dist/apps/ledger-cli/apps/ledger-cli/src/main.js'),
    join(root, 'dist/apps/ledger-cli/src/main.js'),
  ].find((file) => existsSync(file));
  if (!built) {
    process.stderr.write('ledger: neither ts-node nor a build (npm run build:cli) was found\n');
    process.exit(2);
  }
  return require(built);
}

load()
  .runCli(process.argv.slice(2))
  .then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      process.stderr.write(`ledger: ${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
