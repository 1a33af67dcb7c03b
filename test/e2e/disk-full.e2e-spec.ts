import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { establishedRelationship, post, streamEvents } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 8 case 5 on a small file system the test mounts itself (a 48 MiB tmpfs; we run as
 * root, also in CI): a full disk answers 507, reads go on, /health/ready says why, and when
 * space returns writes and projections resume without a restart; nothing acknowledged is lost
 * and the chains verify. A restart on a full disk still starts.
 */
let mountError = '';
const root = mkdtempSync(join(tmpdir(), 'ledger-full-'));
const mounted = tryMount(root);
const describeMounted = mounted ? describe : describe.skip;
if (!mounted) {
  process.stdout.write(
    `disk-full e2e skipped: cannot mount a tmpfs here (${mountError}); it needs root\n`,
  );
} else {
  process.stdout.write('disk-full e2e: on a 48 MiB tmpfs mounted by the test\n');
}

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch (error) {
    mountError = (error as Error).message.split('\n')[0];
    return false;
  }
}

describeMounted('a full disk', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof establishedRelationship>>;
  let outputs: string;
  const filler = join(root, 'filler');
  const acknowledged: string[] = [];

  beforeAll(async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    t = await startTestApp({
      dataDir,
      // The files must stay full: a background checkpoint can make room in the WAL again, and
      // then a write after the first refusal may fit (right, but not what this test pins down).
      env: { LEDGER_MIN_POSITION_TIMEOUT_MS: '30000', LEDGER_SQLITE_CHECKPOINT_MS: '0' },
    });
    f = await establishedRelationship(t);
    outputs = `/v1/relationships/${f.relationshipId}/outputs`;
  });

  afterAll(async () => {
    await t?.close();
    rmSync(filler, { force: true });
    execFileSync('umount', [root]);
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes a file until the file system has no byte left. */
  function fillDisk(): void {
    const fd = openSync(filler, 'a');
    try {
      for (const size of [1 << 20, 1 << 12, 1]) {
        const chunk = Buffer.alloc(size, 1);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch {
            break;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  async function deliver(description: string, headers: Record<string, string> = {}) {
    const res = await post(t, outputs, { description }, { headers });
    if (res.status === 200) acknowledged.push(res.body.outputId as string);
    return res;
  }

  async function ready() {
    return request(t.server).get('/health/ready');
  }

  /** Waits (bounded) for `check` to hold: recovery runs on its own timers. */
  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`not within 30 s: ${what}`);
  }

  it('writes answer 507 problem+json and append nothing; reads go on; ready says why', async () => {
    const first = await deliver('before the disk filled');
    expect(first.status).toBe(200);
    // The reads below are of what was projected before the disk filled: wait until it was.
    await request(t.server)
      .get(`/v1/relationships/${f.relationshipId}?minPosition=${first.body.position as string}`)
      .set('Authorization', bearer('analyst'))
      .expect(200);
    fillDisk();
    let refused: request.Response | undefined;
    // The files may still hold a few free pages: write until a write finds no room.
    for (let i = 0; i < 500 && refused === undefined; i++) {
      const res = await deliver(`while filling ${i}`, { 'Idempotency-Key': randomUUID() });
      if (res.status !== 200) refused = res;
    }
    expect(refused?.status).toBe(507);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.body).toMatchObject({
      status: 507,
      type: 'urn:ledger:problem:insufficient-storage',
      detail: expect.stringMatching(/disk .* is full/),
    });
    expect(JSON.stringify(refused?.body)).not.toMatch(/\/tmp|SQLITE|at .*\.ts/);
    const before = (await streamEvents(t, `relationship-${f.relationshipId}`)).length;
    expect((await deliver('still full')).status).toBe(507);
    expect((await streamEvents(t, `relationship-${f.relationshipId}`)).length).toBe(before);

    await request(t.server)
      .get(`/v1/relationships/${f.relationshipId}`)
      .set('Authorization', bearer('analyst'))
      .expect(200);
    await request(t.server)
      .get('/v1/audit/verify')
      .set('Authorization', bearer('auditor'))
      .expect(200);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(JSON.stringify(notReady.body)).toMatch(/disk of the data dir is full/);
  });

  it('when space returns, writes and projections resume by themselves', async () => {
    unlinkSync(filler);
    const res = await deliver('after space returned');
    expect(res.status).toBe(200);
    const query = await request(t.server)
      .get(`/v1/relationships/${f.relationshipId}?minPosition=${res.body.position as string}`)
      .set('Authorization', bearer('analyst'));
    expect(query.status).toBe(200);
    await eventually(async () => (await ready()).status === 200, '/health/ready back to 200');
    const projections = await request(t.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('admin'))
      .expect(200);
    expect(JSON.stringify(projections.body)).not.toMatch(/"status":"(failed|retrying)"/);
  });

  it('nothing acknowledged is lost and every chain verifies', async () => {
    const events = await streamEvents(t, `relationship-${f.relationshipId}`);
    const stored = new Set(events.map((e) => (e.data as { outputId?: string }).outputId));
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    const verify = await request(t.server)
      .get('/v1/audit/verify')
      .set('Authorization', bearer('auditor'))
      .expect(200);
    expect(verify.body).toMatchObject({ valid: true, failures: [] });
  });

  it('a restart on a full disk still starts: reads work, writes 507, ready 503', async () => {
    fillDisk();
    t = await t.restart();
    await request(t.server)
      .get(`/v1/relationships/${f.relationshipId}`)
      .set('Authorization', bearer('analyst'))
      .expect(200);
    let status = 200;
    for (let i = 0; i < 500 && status === 200; i++)
      status = (await deliver(`restarted ${i}`)).status;
    expect(status).toBe(507);
    expect((await ready()).status).toBe(503);
    unlinkSync(filler);
    expect((await deliver('after the restart')).status).toBe(200);
    await eventually(async () => (await ready()).status === 200, 'ready after the restart');
  });
});
