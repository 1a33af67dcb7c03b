import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Held while one jest worker builds, so two suites never run `nest build` over each other. */
const BUILD_LOCK = join(ROOT, 'dist', '.e2e-build.lock');
/** A lock older than this was left by a killed run (a build takes under a minute or two). */
const STALE_LOCK_MS = 10 * 60_000;

/** The compiled entry point of an app, as `npm start` runs it (scripts/start.js). */
export function builtEntry(app: 'ledger-api' | 'ledger-cli'): string {
  return join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
}

/**
 * Builds dist/ once when a source is newer than it (what `npm start` does), so the processes
 * a test spawns run the code under test. Returns at once when dist/ is fresh.
 */
export async function ensureBuilt(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isBuildFresh } = require('../../scripts/build-freshness') as {
    isBuildFresh(): boolean;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildIfStale } = require('../../scripts/build-if-stale') as {
    buildIfStale(): number;
  };
  if (isBuildFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    if (buildIfStale() !== 0) throw new Error('npm run build failed (its output is above)');
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(BUILD_LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) rmdirSync(BUILD_LOCK);
    } catch {
      // Removed by its holder meanwhile: the next try takes it.
    }
    return false;
  }
}
