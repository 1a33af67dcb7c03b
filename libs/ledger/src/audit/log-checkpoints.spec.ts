import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateSignerKey,
  hashLeaf,
  InMemoryMerkleNodeStore,
  MerkleTree,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  TreeBackedMerkleLog,
} from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/sqlite';
import { LogCheckpoints } from './log-checkpoints';

describe('LogCheckpoints', () => {
  let dir: string;
  let kept: SqliteCheckpointStore;
  let tree: MerkleTree;
  let now: number;
  const signer = parseSignerKey(generateSignerKey('ledger.test/log'));
  const grow = (n: number) =>
    tree.append(Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from([tree.size() + i]))));
  const checkpoints = (intervalMs: number) =>
    new LogCheckpoints(
      new TreeBackedMerkleLog(tree, () => undefined),
      kept,
      signer,
      'ledger.test/log',
      intervalMs,
      { now: () => new Date(now) },
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpoints-spec-'));
    kept = SqliteCheckpointStore.open(join(dir, 'checkpoints.db'));
    tree = new MerkleTree(new InMemoryMerkleNodeStore());
    now = Date.UTC(2026, 0, 1);
  });

  afterEach(() => {
    kept.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs the empty log first, then a new checkpoint only once the log grew and the interval passed', async () => {
    const log = checkpoints(60_000);
    const empty = await log.latest();
    expect(parseCheckpoint(openNote(empty.note, signer))).toMatchObject({ treeSize: 0 });

    grow(3);
    now += 59_999;
    expect((await log.latest()).treeSize).toBe(0); // within the interval: the kept one
    now += 1;
    const three = await log.latest();
    expect(parseCheckpoint(openNote(three.note, signer))).toEqual({
      origin: 'ledger.test/log',
      treeSize: 3,
      rootHash: tree.root(3),
    });

    now += 120_000; // interval passed, log did not grow: nothing new
    expect(await log.latest()).toEqual(three);
    expect(await log.signIfGrown()).toBeUndefined();
  });

  it('keeps every checkpoint it signed', async () => {
    const log = checkpoints(0);
    for (const n of [2, 5, 1]) {
      grow(n);
      await log.latest();
    }
    const sizes = await Promise.all([0, 2, 7, 8].map((size) => kept.atSize(size)));
    expect(sizes.map((c) => c?.treeSize)).toEqual([undefined, 2, 7, 8]);
    expect((await kept.latest())?.treeSize).toBe(8);
  });
});
