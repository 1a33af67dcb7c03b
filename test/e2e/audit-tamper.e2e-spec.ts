import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { computeEventHash, EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { runCliCaptured as cli } from '../support/run-cli';
import { bearer, startTestApp } from '../support/test-app';
import { textParser } from '../support/text-parser';
import { postScenario, Scenario } from './projections-scenario';

const ROOT = join(__dirname, '../..');
const VERIFIER = join(ROOT, 'docs/verify-export.mjs');
const LEDGER_BIN = join(ROOT, 'apps/ledger-cli/bin/ledger.js');
/** The Python recomputation printed in docs/integrity.md, run as written there. */
const PYTHON_RECIPE = /```python\n([\s\S]*?)```/.exec(
  readFileSync(join(ROOT, 'docs/integrity.md'), 'utf8'),
)![1];
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

interface Place {
  streamId: string;
  revision: number;
  reason: string;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

/** A pristine log made through the real HTTP command routes, copied for each tampering. */
let pristineDir: string;
let scenario: Scenario;
let log: RecordedEvent[];

const rel = () => `relationship-${scenario.relationshipId}`;
const imp = () => `improvement-${scenario.improvementId}`;
const eventOf = (streamId: string, predicate: (e: RecordedEvent) => boolean) => {
  const found = log.find((e) => e.streamId === streamId && predicate(e));
  if (!found) throw new Error(`no such event in ${streamId}`);
  return found;
};
const places = (failures: Place[]) =>
  failures.map(({ streamId, revision, reason }) => ({ streamId, revision, reason }));

function row(db: Database.Database, streamId: string, revision: number): EventRow {
  return db
    .prepare('SELECT * FROM events WHERE stream_id = ? AND revision = ?')
    .get(streamId, revision) as EventRow;
}

interface TamperCase {
  name: string;
  tamper: (db: Database.Database) => void;
  expected: () => Place[];
}

const CASES: TamperCase[] = [
  {
    name: 'untouched log',
    tamper: () => {},
    expected: () => [],
  },
  {
    name: "one byte of an event's data changed (amount 1250.5 → 9250.5)",
    tamper: (db) => {
      const cost = eventOf(rel(), (e) => e.data.description === 'fee');
      const { data } = row(db, rel(), cost.revision);
      const edited = data.replace('"1250.5"', '"9250.5"');
      expect(Buffer.from(edited).length).toBe(Buffer.from(data).length);
      expect(edited).not.toBe(data);
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(
        edited,
        rel(),
        cost.revision,
      );
    },
    expected: () => [
      {
        streamId: rel(),
        revision: eventOf(rel(), (e) => e.data.description === 'fee').revision,
        reason: 'hash-mismatch',
      },
    ],
  },
  {
    name: 'an event deleted',
    tamper: (db) => {
      const outcome = eventOf(rel(), (e) => e.type === 'OutcomeRealized');
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(
        rel(),
        outcome.revision,
      );
    },
    expected: () => [
      {
        streamId: rel(),
        revision: eventOf(rel(), (e) => e.type === 'OutcomeRealized').revision,
        reason: 'missing-revision',
      },
    ],
  },
  {
    name: "two events' contents swapped (type, data, metadata)",
    tamper: (db) => {
      const a = row(db, rel(), 7);
      const b = row(db, rel(), 8);
      const put = db.prepare(
        'UPDATE events SET type = ?, data = ?, metadata = ? WHERE stream_id = ? AND revision = ?',
      );
      db.transaction(() => {
        put.run(b.type, b.data, b.metadata, rel(), 7);
        put.run(a.type, a.data, a.metadata, rel(), 8);
      })();
      expect(a.data).not.toBe(b.data);
    },
    expected: () => [
      { streamId: rel(), revision: 7, reason: 'hash-mismatch' },
      { streamId: rel(), revision: 8, reason: 'hash-mismatch' },
    ],
  },
  {
    name: "an event edited and its own hash rewritten to match (its successor's link gives it away)",
    tamper: (db) => {
      const proposed = row(db, imp(), 0);
      const data = JSON.parse(proposed.data) as { target: number };
      data.target = 1; // a more flattering target
      const forged = computeEventHash({
        streamId: proposed.stream_id,
        revision: proposed.revision,
        eventId: proposed.event_id,
        type: proposed.type,
        data,
        metadata: JSON.parse(proposed.metadata),
        previousHash: proposed.previous_hash,
      });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?').run(
        JSON.stringify(data),
        forged,
        proposed.position,
      );
    },
    expected: () => [{ streamId: imp(), revision: 1, reason: 'broken-link' }],
  },
  {
    name: 'an event moved behind its successor in the log (positions swapped)',
    tamper: (db) => {
      const a = row(db, rel(), 12);
      const b = row(db, rel(), 13);
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, a.position);
        move.run(a.position, b.position);
        move.run(b.position, -1);
      })();
    },
    expected: () => [
      { streamId: rel(), revision: 12, reason: 'missing-revision' },
      { streamId: rel(), revision: 12, reason: 'reordered' },
    ],
  },
];

describe('audit: tampering with the SQLite events file outside the app', () => {
  beforeAll(async () => {
    const t = await startTestApp();
    scenario = await postScenario(t);
    log = [];
    for await (const event of t.app.get<EventStore>(EVENT_STORE).readAll()) log.push(event);
    await t.close();
    pristineDir = t.dataDir;
    if (!HAS_PYTHON) {
      console.warn('python3 is not installed: the docs/integrity.md Python recipe is not run');
    }
  });

  afterAll(() => {
    rmSync(pristineDir, { recursive: true, force: true });
  });

  it('starts from a full scenario posted through the command routes', () => {
    expect(new Set(log.map((e) => e.streamId.split('-')[0]))).toEqual(
      new Set(['organization', 'offering', 'relationship', 'improvement']),
    );
    expect(log.filter((e) => e.streamId === rel()).length).toBeGreaterThanOrEqual(14);
  });

  it.each(CASES)(
    '$name: the route, the CLI, the standalone verifier and the documented recipe name the same places',
    async ({ tamper, expected }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
      try {
        cpSync(pristineDir, dataDir, { recursive: true });
        const db = new Database(join(dataDir, 'events.db'));
        tamper(db);
        const { count } = db.prepare('SELECT count(*) AS count FROM events').get() as {
          count: number;
        };
        db.close();
        const want = expected();
        const valid = want.length === 0;

        const t = await startTestApp({ dataDir });
        const route = await request(t.server)
          .get('/v1/audit/verify')
          .set('Authorization', bearer('auditor'))
          .expect(200);
        expect(route.body.valid).toBe(valid);
        expect(route.body.eventsChecked).toBe(count);
        expect(places(route.body.failures)).toEqual(want);

        const exported = await request(t.server)
          .get('/v1/audit/export')
          .set('Authorization', bearer('auditor'))
          .buffer(true)
          .parse(textParser)
          .expect(200);
        await t.close();
        const exportFile = join(dataDir, 'export.ndjson');
        writeFileSync(exportFile, exported.body as string);

        const viaCli = await cli(['verify', '--data-dir', dataDir, '--json']);
        expect(viaCli.status).toBe(valid ? 0 : 1);
        const cliReport = JSON.parse(viaCli.out);
        expect(places(cliReport.failures)).toEqual(want);

        const standalone = spawnSync('node', [VERIFIER, '--json', exportFile], {
          encoding: 'utf8',
        });
        expect(standalone.status).toBe(valid ? 0 : 1);
        const standaloneReport = JSON.parse(standalone.stdout);
        expect(places(standaloneReport.failures)).toEqual(want);
        expect(standaloneReport.eventsChecked).toBe(cliReport.eventsChecked);

        if (HAS_PYTHON) {
          const python = spawnSync('python3', ['-c', PYTHON_RECIPE], {
            input: exported.body as string,
            encoding: 'utf8',
          });
          expect(python.status).toBe(valid ? 0 : 1);
          const pythonPlaces = python.stdout
            .split('\n')
            .filter((line) => line.startsWith('FAIL '))
            .map((line) => {
              const [, streamId, , revision, reason] = line.split(' ');
              return { streamId, revision: Number(revision), reason };
            });
          expect(pythonPlaces).toEqual(want);
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );

  it('the installed command (npm run ledger / bin) prints the failure and exits 1', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    try {
      cpSync(pristineDir, dataDir, { recursive: true });
      const db = new Database(join(dataDir, 'events.db'));
      db.prepare(
        "UPDATE events SET data = replace(data, 'lock-in', 'lock-on') WHERE stream_id = ?",
      ).run(rel());
      db.close();
      const risk = eventOf(rel(), (e) => e.data.description === 'lock-in');
      const run = spawnSync('node', [LEDGER_BIN, 'verify', '--stream', rel()], {
        encoding: 'utf8',
        env: { ...process.env, LEDGER_DATA_DIR: dataDir },
        cwd: tmpdir(),
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`FAIL ${rel()} revision ${risk.revision} hash-mismatch`);
      expect(run.stdout).toMatch(/1 failure\(s\)/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an as-of replay of a tampered relationship says its events fail the chain check', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    try {
      cpSync(pristineDir, dataDir, { recursive: true });
      const db = new Database(join(dataDir, 'events.db'));
      db.prepare(
        'UPDATE events SET data = replace(data, ?, ?) WHERE stream_id = ? AND revision = 1',
      ).run('customer person', 'customer persoN', rel());
      db.close();
      const t = await startTestApp({ dataDir });
      const res = await request(t.server)
        .get(`/v1/audit/relationships/${scenario.relationshipId}/state?revision=3`)
        .set('Authorization', bearer('auditor'))
        .expect(200);
      await t.close();
      expect(res.body.integrity.valid).toBe(false);
      expect(places(res.body.integrity.failures)).toEqual([
        { streamId: rel(), revision: 1, reason: 'hash-mismatch' },
      ]);
      const perStream = await cli(['verify', '--data-dir', dataDir, '--stream', rel()]);
      expect(perStream.status).toBe(1);
      expect(perStream.out).toContain(`FAIL ${rel()} revision 1 hash-mismatch`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
