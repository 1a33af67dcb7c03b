#!/usr/bin/env node
'use strict';
// Runs a TypeScript script (a benchmark) compiled to JavaScript, as `npm start` runs the API,
// instead of through ts-node: ts-node keeps the TypeScript compiler in the process (an idle app
// measured 226 MB of RSS under it and 133 MB compiled), so a memory figure would count the tool.
// Transpiled without type-checking (`npm run typecheck` does that) into test-output/bench-js.
//   node scripts/run-compiled.js test/bench/streams.bench.ts [args…]
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
// Not under dist/: `nest build` (run by the e2e suites) empties dist/, even mid-benchmark.
const out = join(root, 'test-output', 'bench-js');
const [entry, ...args] = process.argv.slice(2);
if (entry === undefined || !entry.endsWith('.ts')) {
  process.stderr.write('usage: node scripts/run-compiled.js <script.ts> [args…]\n');
  process.exit(2);
}
const flags = ['--outDir', out, '--noEmit', 'false', '--incremental', 'false'];
const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), ...flags, '--noCheck'],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// tsconfig-paths maps @app/* to the compiled libraries under TS_NODE_BASEURL.
const run = spawnSync(
  process.execPath,
  ['-r', 'tsconfig-paths/register', join(out, entry.replace(/\.ts$/, '.js')), ...args],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TS_NODE_BASEURL: out } },
);
process.exit(run.status ?? 1);
