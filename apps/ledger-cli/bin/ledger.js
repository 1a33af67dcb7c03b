#!/usr/bin/env node
'use strict';
// Launches the ledger CLI from any working directory. It runs the compiled CLI (about 0.3 s to
// start) when dist/ is at least as new as the sources; when a source is newer it runs the
// TypeScript through ts-node instead (slower, never stale); where ts-node is absent (a
// production install) it runs whatever build there is.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const built = join(root, 'dist/apps/ledger-cli/src/main.js');

function isBuildFresh() {
  try {
    return require(join(root, 'scripts/build-freshness.js')).isBuildFresh();
  } catch {
    return existsSync(built);
  }
}

function load() {
  if (existsSync(built) && isBuildFresh()) return require(built);
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
  if (!existsSync(built)) {
    process.stderr.write('ledger: neither a build (npm run build) nor ts-node was found\n');
    process.exit(2);
  }
  return require(built);
}

// A reader that stops early (`ledger export | head`) closes the pipe: that ends the output, it
// is not an error to report with a stack.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

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
