'use strict';
// Is the compiled app (dist/) at least as new as every source it is built from? `npm start`
// and the `ledger` launcher ask this so they rebuild, or fall back to ts-node, only when a
// source changed; a stat walk of the sources takes a few milliseconds.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const SOURCE_DIRS = ['apps', 'libs'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
/** Every entry point the build must produce; the oldest one dates the build. */
const OUTPUTS = ['dist/apps/ledger-api/src/main.js', 'dist/apps/ledger-cli/src/main.js'];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Newest modification time of a TypeScript source the build compiles (specs are not built). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts')) {
        newest = Math.max(newest, mtime(path) ?? 0);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  for (const file of SOURCE_FILES) newest = Math.max(newest, mtime(join(root, file)) ?? 0);
  return newest;
}

/** Oldest entry point of the build, or undefined when one is missing. */
function builtAt() {
  const times = OUTPUTS.map((file) => mtime(join(root, file)));
  return times.some((time) => time === undefined) ? undefined : Math.min(...times);
}

function isBuildFresh() {
  const built = builtAt();
  return built !== undefined && built >= newestSource();
}

module.exports = { root, isBuildFresh, OUTPUTS };
