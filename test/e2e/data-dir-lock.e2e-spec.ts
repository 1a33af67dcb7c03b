import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataDirLock, DataDirLocked } from '@app/event-store/sqlite';
import { runCliCaptured } from '../support/run-cli';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { RUN_TYPESCRIPT } from '../support/typescript-child';

/** Issue 8 case 12: one process per data dir, and the lock never outlives its holder. */
describe('one process per data dir', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('a second API on the same data dir is refused, naming the holder', async () => {
    const second = startTestApp({ dataDir: t.dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirLocked);
    await expect(second).rejects.toThrow(
      new RegExp(`in use by ledger-api \\(pid ${process.pid} on ${hostname()}, since `),
    );
  });

  it('the CLI rebuild refuses while the API holds the dir and points to the admin route', async () => {
    const res = await runCliCaptured(['rebuild', '--data-dir', t.dataDir]);
    expect(res.status).toBe(2);
    expect(res.err).toMatch(/in use by ledger-api \(pid \d+/);
    expect(res.err).toMatch(/POST \/v1\/admin\/projections\/<name>\/rebuild/);
    // The running API's projections were left alone.
    const projections = await request(t.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('admin'))
      .expect(200);
    expect(JSON.stringify(projections.body)).not.toMatch(/failed/);
  });

  it('once the API has stopped, the dir is free again', async () => {
    t = await t.restart();
    await t.close();
    const res = await runCliCaptured(['rebuild', '--data-dir', t.dataDir]);
    expect(res.status).toBe(0);
    t = await startTestApp({ dataDir: t.dataDir });
  });
});

describe('the data dir lock and kill -9', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
  });

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a holder killed with SIGKILL leaves no stale lock', async () => {
    const code =
      `require('@app/event-store/sqlite').DataDirLock.acquire(${JSON.stringify(dir)}, 'holder-child');` +
      `process.stdout.write('held\\n'); setInterval(() => {}, 1e6);`;
    child = spawn(process.execPath, [...RUN_TYPESCRIPT, '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
      child!.on('exit', (status) => reject(new Error(`holder exited early (${status})`)));
    });
    let refusal: unknown;
    try {
      DataDirLock.acquire(dir, 'test');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLocked);
    expect((refusal as DataDirLocked).holder).toMatchObject({
      holder: 'holder-child',
      pid: child.pid,
    });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    child = undefined;
    const lock = DataDirLock.acquire(dir, 'test');
    lock.release();
    // The holder is a second node compiling the store library with ts-node: seconds under load.
  }, 60_000);
});
