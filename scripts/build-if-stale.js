#!/usr/bin/env node
'use strict';
// `npm start` and `npm install` (prepare) run this: it builds only when a source is newer than
// dist/, so a start takes about a second instead of a full compile. Where the build tools are
// not installed (npm ci --omit=dev) it says so and leaves dist/ as it is.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { root, isBuildFresh } = require('./build-freshness');

if (isBuildFresh()) {
  process.stderr.write('build: dist/ is up to date with the sources\n');
  process.exit(0);
}
if (!existsSync(join(root, 'node_modules', '@nestjs', 'cli'))) {
  process.stderr.write('build: skipped, @nestjs/cli is not installed (a production install)\n');
  process.exit(0);
}
process.stderr.write('build: sources are newer than dist/, running npm run build\n');
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: true });
process.exit(result.status ?? 1);
