import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/**
 * Held while one jest worker builds, so two suites never run `nest build` over each other
 * (outside dist/, which the build empties); one per checkout.
 */
const BUILD_LOCK = join(
  tmpdir(),
  `ledger-e2e-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
);
/** A lock older than this was left by a killed run (a build takes under a minute or two). */
const STALE_LOCK_MS = 10 * 60_000;

/** The compiled entry point of an app, as `npm start` runs it (scripts/start.js). */
export function builtEntry(app: 'ledger-api' | 'ledger-cli' | 'ledger-projector'): string {
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
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    if (buildIfStale() !== 0) throw new Error('npm run build failed (its output is above)');
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(BUILD_LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      }
    } catch {
      // Removed by its holder meanwhile: the next try takes it.
    }
    return false;
  }
}
