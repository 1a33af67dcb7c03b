import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '@app/projections/sqlite';
import { describeReadModelContract } from './support/read-model-contract';

// One file for the whole suite: every case uses projections of its own, and a second store on
// the same file stands for the process after a restart.
const dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeReadModelContract('sqlite', {
  open: async () => SqliteReadModelStore.open({ file: join(dir, 'read-models.db') }),
});
