'use strict';
// Is the compiled app (dist/) at least as new as every source it is built from? `npm start`
// and the `ledger` launcher ask this so they rebuild, or fall back to ts-node, only when a
// source changed; a stat walk of the sources takes a few milliseconds.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const SOURCE_DIRS = ['apps', 'libs'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json'];
/** What the build compiles or bundles (specs are not built). */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.css', '.html'];
/** Build outputs and installed code inside the source folders are not sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
/** Every entry point the build must produce; the oldest one dates the build. */
const OUTPUTS = [
  'dist/apps/ledger-api/src/main.js',
  'dist/apps/ledger-cli/src/main.js',
  'dist/apps/ledger-projector/src/main.js',
  // The dashboard, once it has sources.
  ...(existsSync(join(root, 'apps/ledger-web/index.html'))
    ? ['apps/ledger-web/dist/index.html']
    : []),
];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Newest modification time of a source the build compiles or bundles. */
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
      if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension)) &&
        !/spec\.tsx?$/.test(entry.name)
      ) {
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
