import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIdempotencyStore } from '@app/ledger/sqlite';
import { describeIdempotencyContract } from './support/idempotency-contract';

// Each case gets its own file in one temp dir, removed after the run.
const root = mkdtempSync(join(tmpdir(), 'ledger-idempotency-'));
let created = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeIdempotencyContract('sqlite', {
  async create() {
    created += 1;
    const file = join(root, `case-${created}.db`);
    return { open: async (now) => new SqliteIdempotencyStore(file, now) };
  },
});
