#!/usr/bin/env node
'use strict';
// `npm install` (prepare) and `npm start` (scripts/start.js) build only when a source is newer
// than dist/, so a start takes about a second instead of a full compile. Where the build tools
// are not installed (npm ci --omit=dev) it says so and leaves dist/ as it is.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { root, isBuildFresh } = require('./build-freshness');

/** Builds when stale; answers the exit status of the build (0 when none was needed). */
function buildIfStale() {
  if (isBuildFresh()) {
    process.stderr.write('build: dist/ is up to date with the sources\n');
    return 0;
  }
  if (!existsSync(join(root, 'node_modules', '@nestjs', 'cli'))) {
    process.stderr.write('build: skipped, @nestjs/cli is not installed (a production install)\n');
    return 0;
  }
  process.stderr.write('build: sources are newer than dist/, running npm run build\n');
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: true });
  return result.status ?? 1;
}

module.exports = { buildIfStale };

if (require.main === module) process.exit(buildIfStale());
