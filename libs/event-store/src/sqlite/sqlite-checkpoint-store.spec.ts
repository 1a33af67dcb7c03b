import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeptCheckpoint } from '../checkpoint/checkpoint-store.port';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

describe('SqliteCheckpointStore', () => {
  let dir: string;
  const signed = (treeSize: number, note: string): KeptCheckpoint => ({
    treeSize,
    rootHash: Buffer.alloc(32, treeSize),
    note,
    signedAt: '2026-01-01T00:00:00.000Z',
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-store-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the first signature of a tree size, and keeps it across a reopen', async () => {
    const file = join(dir, 'checkpoints.db');
    const store = SqliteCheckpointStore.open(file);
    expect(await store.latest()).toBeUndefined();
    expect(await store.keep(signed(3, 'first'))).toEqual(signed(3, 'first'));
    expect(await store.keep(signed(3, 'second'))).toEqual(signed(3, 'first'));
    await store.keep(signed(1, 'one'));
    store.close();

    const reopened = SqliteCheckpointStore.open(file);
    expect(await reopened.latest()).toEqual(signed(3, 'first'));
    expect((await reopened.atSize(1))?.note).toBe('one');
    expect(await reopened.atSize(2)).toBeUndefined();
    reopened.close();
  });
});
