import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { computeEventHash } from '@app/event-store';
import { runCliCaptured as cli } from '../support/run-cli';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { textParser } from '../support/text-parser';
import { postScenario, Scenario } from './projections-scenario';

const VERIFIER = join(__dirname, '../../docs/verify-export.mjs');

// ---------------------------------------------------------------------------------------
// An independent implementation of what an auditor checks, written from RFC 9162 §2.1 and the
// C2SP signed-note / tlog-checkpoint specs. It shares no code with the ledger.

const sha = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest();
};
const leafOf = (eventHashHex: string): Buffer =>
  sha(Buffer.from([0]), Buffer.from(eventHashHex, 'hex'));
const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);
const kOf = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
/** MTH(D[n]) by its definition. */
const mth = (d: Buffer[]): Buffer =>
  d.length === 0
    ? sha()
    : d.length === 1
      ? d[0]
      : node(mth(d.slice(0, kOf(d.length))), mth(d.slice(kOf(d.length))));
/** PATH(m, D[n]) by its definition. */
const path = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length <= 1) return [];
  const k = kOf(d.length);
  return m < k
    ? [...path(m, d.slice(0, k)), mth(d.slice(k))]
    : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
};
/** SUBPROOF(m, D[n], b) by its definition. */
const subproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = kOf(d.length);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
};

/** RFC 9162 §2.1.4.2, as an auditor without the leaves runs it. */
function consistencyHolds(
  m: number,
  n: number,
  proof: Buffer[],
  oldRoot: Buffer,
  newRoot: Buffer,
): boolean {
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (proof.length === 0) return false;
  const p = Number.isInteger(Math.log2(m)) ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let fr = p[0];
  let sr = p[0];
  for (const c of p.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else {
      sr = node(sr, c);
    }
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

interface Opened {
  origin: string;
  treeSize: number;
  root: Buffer;
}

/** Checks the Ed25519 signature of a signed note by the verifier key; returns the checkpoint. */
function openSigned(note: string, verifierKey: string): Opened {
  const [name, id, key] = [
    verifierKey.slice(0, verifierKey.indexOf('+')),
    verifierKey.split('+')[1],
    verifierKey.slice(verifierKey.indexOf('+', verifierKey.indexOf('+') + 1) + 1),
  ];
  const raw = Buffer.from(key, 'base64');
  expect(raw[0]).toBe(1);
  expect(
    sha(Buffer.from(`${name}\n`), raw)
      .subarray(0, 4)
      .toString('hex'),
  ).toBe(id);
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  const [body, signatures] = note.split('\n\n');
  const text = `${body}\n`;
  const line = signatures.split('\n').find((l) => l.startsWith(`\u2014 ${name} `));
  expect(line).toBeDefined();
  const blob = Buffer.from(line!.split(' ')[2], 'base64');
  expect(blob.subarray(0, 4).toString('hex')).toBe(id);
  expect(verify(null, Buffer.from(text), publicKey, blob.subarray(4))).toBe(true);
  const [origin, size, root] = body.split('\n');
  return { origin, treeSize: Number(size), root: Buffer.from(root, 'base64') };
}

// ---------------------------------------------------------------------------------------

interface ExportedEvent {
  streamId: string;
  revision: number;
  position: string;
  hash: string;
}

describe('signed checkpoints and Merkle proofs (e2e)', () => {
  let t: TestApp;
  let first: Scenario;
  let second: Scenario;
  let verifierKey: string;
  let keptNote: string;
  let kept: Opened;
  let work: string;

  const auditor = (path: string) =>
    request(t.server).get(path).set('Authorization', bearer('auditor'));
  const checkpointNow = async (): Promise<string> => {
    const res = await auditor('/v1/audit/checkpoint').buffer(true).parse(textParser).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.body as string;
  };
  const exported = async (): Promise<ExportedEvent[]> => {
    const res = await auditor('/v1/audit/export').buffer(true).parse(textParser).expect(200);
    return (res.body as string)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as ExportedEvent);
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-checkpoints-'));
    t = await startTestApp({ env: { LEDGER_CHECKPOINT_INTERVAL_MS: '0' } });
    first = await postScenario(t);
  });

  afterAll(async () => {
    await t.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs a C2SP checkpoint of the whole log that the published key verifies', async () => {
    const key = await auditor('/v1/audit/checkpoint/key').expect(200);
    expect(key.body).toMatchObject({ origin: t.config.logOrigin, algorithm: 'ed25519' });
    verifierKey = key.body.verifierKey as string;
    expect(Buffer.from(key.body.publicKey as string, 'base64')).toHaveLength(32);
    keptNote = await checkpointNow();
    kept = openSigned(keptNote, verifierKey);
    const events = await exported();
    expect(kept.origin).toBe(t.config.logOrigin);
    expect(kept.treeSize).toBe(events.length);
    expect(kept.root.equals(mth(events.map((e) => leafOf(e.hash))))).toBe(true);
    writeFileSync(join(work, 'kept.txt'), keptNote);
  });

  it('proves a later log consistent with the kept checkpoint (checked independently)', async () => {
    second = await postScenario(t);
    const later = openSigned(await checkpointNow(), verifierKey);
    expect(later.treeSize).toBeGreaterThan(kept.treeSize);
    const res = await auditor(
      `/v1/audit/proofs/consistency?from=${kept.treeSize}&to=${later.treeSize}`,
    ).expect(200);
    expect(res.body).toMatchObject({ from: kept.treeSize, to: later.treeSize });
    const proof = (res.body.hashes as string[]).map((h) => Buffer.from(h, 'base64'));
    expect(consistencyHolds(kept.treeSize, later.treeSize, proof, kept.root, later.root)).toBe(
      true,
    );
    const leaves = (await exported()).map((e) => leafOf(e.hash));
    expect(proof).toEqual(subproof(kept.treeSize, leaves.slice(0, later.treeSize), true));
    expect(mth(leaves.slice(0, later.treeSize)).equals(later.root)).toBe(true);
    // The same proof does not hold for a root that was never signed.
    expect(consistencyHolds(kept.treeSize, later.treeSize, proof, later.root, later.root)).toBe(
      false,
    );
  });

  it("gives each history event its leaf index and proves it in the checkpoint's tree", async () => {
    const later = openSigned(await checkpointNow(), verifierKey);
    const leaves = (await exported()).map((e) => leafOf(e.hash));
    const history = await auditor(`/v1/audit/streams/relationship-${second.relationshipId}`).expect(
      200,
    );
    for (const event of history.body.events as (ExportedEvent & { leafIndex: number })[]) {
      expect(event.leafIndex).toBe(Number(event.position) - 1); // the embedded store's mapping
      const res = await auditor(
        `/v1/audit/proofs/inclusion?position=${event.position}&treeSize=${later.treeSize}`,
      ).expect(200);
      expect(res.body.leafIndex).toBe(event.leafIndex);
      expect(Buffer.from(res.body.leafHash as string, 'base64').equals(leafOf(event.hash))).toBe(
        true,
      );
      const proof = (res.body.hashes as string[]).map((h) => Buffer.from(h, 'base64'));
      expect(proof).toEqual(path(event.leafIndex, leaves.slice(0, later.treeSize)));
    }
  });

  it.each([
    ['/v1/audit/proofs/inclusion', 400, 'position'],
    ['/v1/audit/proofs/inclusion?position=abc', 400, 'position'],
    ['/v1/audit/proofs/inclusion?position=1&treeSize=0', 400, 'treeSize'],
    ['/v1/audit/proofs/inclusion?position=1&treeSize=1.5', 400, 'treeSize'],
    ['/v1/audit/proofs/inclusion?position=1&treeSize=99999999', 400, 'treeSize'],
    ['/v1/audit/proofs/inclusion?position=40&treeSize=3', 400, 'treeSize'],
    ['/v1/audit/proofs/inclusion?position=99999999', 404, undefined],
    ['/v1/audit/proofs/consistency', 400, 'from'],
    ['/v1/audit/proofs/consistency?from=0&to=3', 400, 'from'],
    ['/v1/audit/proofs/consistency?from=5&to=3', 400, 'from'],
    ['/v1/audit/proofs/consistency?from=2&to=99999999', 400, 'to'],
  ])('GET %s answers %i naming %s', async (url, status, field) => {
    const res = await auditor(url).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field !== undefined) {
      expect(JSON.stringify(res.body)).toContain(`"${field}"`);
    }
  });

  it('keeps the proof routes for auditors', async () => {
    await request(t.server)
      .get('/v1/audit/proofs/consistency?from=1&to=2')
      .set('Authorization', bearer('analyst'))
      .expect(403);
  });

  describe('with the app stopped, a kept checkpoint finds what the chains cannot', () => {
    let pristine: string;

    beforeAll(async () => {
      await t.close();
      pristine = t.dataDir;
    });

    const tampered = (name: string, tamper: (db: Database.Database) => void): string => {
      const dir = join(work, name);
      cpSync(pristine, dir, { recursive: true });
      const db = new Database(join(dir, 'events.db'));
      tamper(db);
      db.close();
      return dir;
    };
    const verifyAgainst = (dataDir: string) =>
      cli(['verify', '--against', join(work, 'kept.txt'), '--key', verifierKey], {
        LEDGER_DATA_DIR: dataDir,
      });
    const relStream = () => `relationship-${first.relationshipId}`;
    const leafIndexOf = (db: Database.Database, streamId: string, revision: number): number =>
      (
        db
          .prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
          .get(streamId, revision) as { position: number }
      ).position - 1;

    it('proves the untouched log consistent with the kept checkpoint', async () => {
      const run = await verifyAgainst(pristine);
      expect(run.status).toBe(0);
      expect(run.out).toMatch(/^OK {3}signature: /m);
      expect(run.out).toMatch(
        /^OK {3}consistency: the log's first \d+ events hash to the checkpoint's root/m,
      );
      expect(run.out).toMatch(/^OK {3}chains: /m);
    });

    it('refuses a checkpoint whose signature does not verify', async () => {
      writeFileSync(
        join(work, 'forged.txt'),
        keptNote.replace(/\n(\d+)\n/, (_, n) => `\n${Number(n) - 1}\n`),
      );
      const run = await cli(
        ['verify', '--against', join(work, 'forged.txt'), '--key', verifierKey],
        {
          LEDGER_DATA_DIR: pristine,
        },
      );
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/^FAIL signature: cannot prove the checkpoint .* is the ledger's/m);
    });

    it('(a) the last events of one stream deleted: consistency fails where the chains pass', async () => {
      let firstGone = 0;
      const dir = tampered('a', (db) => {
        const head = db
          .prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?')
          .get(relStream()) as {
          revision: number;
        };
        const keep = head.revision - 2;
        firstGone = leafIndexOf(db, relStream(), keep + 1);
        // The stream's head is its last event: it moves back with them.
        db.prepare('DELETE FROM events WHERE stream_id = ? AND revision > ?').run(
          relStream(),
          keep,
        );
      });
      const run = await verifyAgainst(dir);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(
        new RegExp(
          `^FAIL consistency: cannot prove that the log still holds the .* at ${kept.treeSize} events: its first ${kept.treeSize} events hash to`,
          'm',
        ),
      );
      expect(run.out).toContain(
        `the first difference: leaf ${firstGone} is not the event the Merkle log recorded there`,
      );
      expect(run.out).toMatch(/^OK {3}chains: /m); // the chains alone cannot see it
    });

    it('(b) a whole stream deleted: consistency fails', async () => {
      const dir = tampered('b', (db) => {
        const stream = `organization-${first.consumerId}`;
        expect(
          db.prepare('DELETE FROM events WHERE stream_id = ?').run(stream).changes,
        ).toBeGreaterThan(0);
      });
      const run = await verifyAgainst(dir);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/^FAIL consistency: cannot prove that the log still holds the /m);
      expect(run.out).toMatch(
        /events recorded before the checkpoint were changed, removed or reordered/,
      );
      expect(run.out).toMatch(/^OK {3}chains: /m);
    });

    it('(c) one stream rewritten consistently: consistency fails at the first rewritten event', async () => {
      let rewritten = 0;
      const dir = tampered('c', (db) => {
        const rows = db
          .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
          .all(relStream()) as {
          position: number;
          stream_id: string;
          revision: number;
          event_id: string;
          type: string;
          data: string;
          metadata: string;
          previous_hash: string;
          hash: string;
        }[];
        const target = rows.findIndex((r) => r.data.includes('"description":"fee"'));
        expect(target).toBeGreaterThan(0);
        rewritten = rows[target].position - 1;
        let previousHash = rows[target - 1].hash;
        for (const r of rows.slice(target)) {
          const data = r.data.replace('"description":"fee"', '"description":"no fee"');
          const hash = computeEventHash({
            streamId: r.stream_id,
            revision: r.revision,
            eventId: r.event_id,
            type: r.type,
            data: JSON.parse(data),
            metadata: JSON.parse(r.metadata),
            previousHash,
          });
          db.prepare(
            'UPDATE events SET data = ?, previous_hash = ?, hash = ? WHERE position = ?',
          ).run(data, previousHash, hash, r.position);
          previousHash = hash;
        }
      });
      const run = await verifyAgainst(dir);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/^FAIL consistency: cannot prove that the log still holds the /m);
      expect(run.out).toContain(
        `the first difference: leaf ${rewritten} is not the event the Merkle log recorded there; the log now has ${relStream()}`,
      );
      expect(run.out).toMatch(/^OK {3}chains: /m);

      // The standalone verifier finds it too, from an export and the kept checkpoint alone.
      const exportFile = join(work, 'c.ndjson');
      expect((await cli(['export', '--out', exportFile], { LEDGER_DATA_DIR: dir })).status).toBe(0);
      const standalone = spawnSync(
        'node',
        [VERIFIER, '--checkpoint', join(work, 'kept.txt'), '--key', verifierKey, exportFile],
        { encoding: 'utf8' },
      );
      expect(standalone.status).toBe(1);
      expect(standalone.stdout).toMatch(
        /^FAIL checkpoint-mismatch: the export's first \d+ events hash to/m,
      );
    });

    it('an export of the untouched log checks against the kept checkpoint with verify-export.mjs alone', async () => {
      const exportFile = join(work, 'pristine.ndjson');
      expect(
        (await cli(['export', '--out', exportFile], { LEDGER_DATA_DIR: pristine })).status,
      ).toBe(0);
      const run = spawnSync(
        'node',
        [VERIFIER, '--checkpoint', join(work, 'kept.txt'), '--key', verifierKey, exportFile],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        `the export's first ${kept.treeSize} events hash to the root of the signed checkpoint`,
      );
    });

    it('writes the checkpoint for the auditor, and an evidence folder that verify-export.mjs checks alone', async () => {
      const out = join(work, 'latest.txt');
      const saved = await cli(['checkpoint', '--out', out], { LEDGER_DATA_DIR: pristine });
      expect(saved.status).toBe(0);
      expect(openSigned(readFileSync(out, 'utf8'), verifierKey).treeSize).toBeGreaterThan(
        kept.treeSize,
      );

      const folder = join(work, 'evidence');
      const made = await cli(
        ['evidence', '--relationship', first.relationshipId, '--out', folder],
        {
          LEDGER_DATA_DIR: pristine,
        },
      );
      expect(made.err).toContain('events proved in the checkpoint');
      expect(made.status).toBe(0);
      for (const file of [
        'events.ndjson',
        'proofs.json',
        'checkpoint.txt',
        'verifier-key.txt',
        'README.md',
      ]) {
        expect(readFileSync(join(folder, file), 'utf8').length).toBeGreaterThan(0);
      }
      const checked = spawnSync('node', [VERIFIER, '--evidence', folder, '--key', verifierKey], {
        encoding: 'utf8',
      });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
      expect(checked.stdout).toMatch(
        /each event's inclusion proof leads to the root of the signed checkpoint/,
      );

      // One event of the folder edited: the folder no longer verifies.
      const forged = join(work, 'evidence-forged');
      cpSync(folder, forged, { recursive: true });
      const lines = readFileSync(join(forged, 'events.ndjson'), 'utf8');
      writeFileSync(
        join(forged, 'events.ndjson'),
        lines.replace('"description":"fee"', '"description":"no fee"'),
      );
      const refused = spawnSync('node', [VERIFIER, '--evidence', forged, '--key', verifierKey], {
        encoding: 'utf8',
      });
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(/hash-mismatch/);
    });
  });
});
