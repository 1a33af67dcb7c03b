import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadLedgerConfig } from '@app/config';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { appendAuditScenario, AuditScenario } from '../../../test/support/audit-scenario';
import { runCliCaptured as cli } from '../../../test/support/run-cli';

describe('ledger CLI', () => {
  let dataDir: string;
  let scenario: AuditScenario;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    const store = SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    scenario = await appendAuditScenario(store);
    await store.close();
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('usage errors exit 2 with a clear message and change nothing', () => {
    it.each([
      [[], /Usage: npm run ledger/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['verify', '--bogus'], /Unknown option '--bogus'/],
      [['verify', 'extra'], /verify takes 0 argument/],
      [['replay'], /replay takes 1 argument/],
      [['replay', 'x', '--as-of', '2026-01-01T00:00:00Z', '--revision', '1'], /not both/],
      [['replay', 'x', '--revision', 'two'], /--revision must be a whole number/],
      [['verify', '--data-dir', '/nonexistent/ledger'], /no event store at \/nonexistent\/ledger/],
    ])('%j', async (args, message) => {
      const result = await cli(args);
      expect(result.status).toBe(2);
      expect(result.err).toMatch(message);
    });

    it('names a bad --as-of, --from-position, stream or relationship', async () => {
      const d = ['--data-dir', dataDir];
      const asOf = await cli(['replay', scenario.relationshipId, '--as-of', 'noon', ...d]);
      expect([asOf.status, asOf.err]).toEqual([2, expect.stringContaining('--as-of must be')]);
      const from = await cli(['export', '--from-position', '-3', ...d]);
      expect([from.status, from.err]).toEqual([2, expect.stringContaining('--from-position')]);
      const stream = await cli(['verify', '--stream', 'offering-nope', ...d]);
      expect([stream.status, stream.err]).toEqual([2, expect.stringContaining('not found')]);
      const rel = await cli(['replay', '00000000-0000-4000-8000-000000000000', ...d]);
      expect([rel.status, rel.err]).toEqual([2, expect.stringContaining('not found')]);
    });

    it('names a bad LEDGER_EVENT_STORE instead of falling back to the embedded store', async () => {
      const result = await cli(['verify', '--data-dir', dataDir], {
        LEDGER_EVENT_STORE: 'mysql',
      });
      expect([result.status, result.err]).toEqual([
        2,
        expect.stringContaining(
          'LEDGER_EVENT_STORE: "mysql" is not one of sqlite, eventstoredb, postgres',
        ),
      ]);
    });

    // The CLI reads the environment through the API's loadLedgerConfig: same values refused,
    // with the same message.
    it.each([
      [{ LEDGER_SQLITE_SYNCHRONOUS: 'OFF' }],
      [{ LEDGER_EVENT_STORE: 'eventstoredb' }],
      [{ LEDGER_EVENT_STORE: 'eventstoredb', EVENTSTOREDB_CONNECTION_STRING: 'http://x' }],
      [{ LEDGER_API_KEYS: 'crm:superuser:kkkkkkkkkkkkkkkk' }],
      [{ LEDGER_EVENT_STORE: 'postgres' }],
    ])('refuses %j as the API does', async (env) => {
      let apiMessage = '';
      try {
        loadLedgerConfig(env);
      } catch (error) {
        apiMessage = (error as ConfigError).message;
      }
      expect(apiMessage).not.toBe('');
      const result = await cli(['verify', '--data-dir', dataDir], env);
      expect([result.status, result.err]).toEqual([2, expect.stringContaining(apiMessage)]);
    });

    it('validates --eventstoredb as the API validates EVENTSTOREDB_CONNECTION_STRING', async () => {
      const result = await cli(['verify', '--eventstoredb', 'http://x']);
      expect([result.status, result.err]).toEqual([
        2,
        expect.stringContaining('EVENTSTOREDB_CONNECTION_STRING: must start with esdb://'),
      ]);
    });

    it('prints usage on --help with exit 0', async () => {
      const result = await cli(['verify', '--help']);
      expect(result.status).toBe(0);
      expect(result.out).toContain('replay <relationshipId>');
    });
  });

  it('verify finds the data dir through LEDGER_DATA_DIR and reports an intact log', async () => {
    const result = await cli(['verify'], { LEDGER_DATA_DIR: dataDir });
    expect(result.status).toBe(0);
    expect(result.out).toBe(
      `${scenario.recorded.length} events in 4 streams checked: every chain is intact\n`,
    );
    expect(result.err).toContain(join(dataDir, 'events.db'));
  });

  it('replay prints a readable timeline up to the instant, then the folded state', async () => {
    const result = await cli([
      'replay',
      scenario.relationshipId,
      '--as-of',
      '2026-01-01T15:30:00Z',
      '--data-dir',
      dataDir,
    ]);
    expect(result.status).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(
      `Relationship ${scenario.relationshipId} (${scenario.relationshipStreamId}) as of 2026-01-01T15:30:00Z`,
    );
    expect(lines.slice(1, 5).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['2026-01-01T12:00:00.000Z', '#0', 'RelationshipEstablished'],
      ['2026-01-01T13:00:00.000Z', '#1', 'StakeholderAssigned'],
      ['2026-01-01T14:00:00.000Z', '#2', 'ServiceProvisioned'],
      ['2026-01-01T15:00:00.000Z', '#3', 'OutputDelivered'],
    ]);
    expect(lines[2]).toContain('Dana Ödegård as customer');
    const state = JSON.parse(result.out.slice(result.out.indexOf('State:\n') + 7));
    expect(state).toMatchObject({ status: 'active', counts: { stakeholders: 1, outputs: 1 } });
  });

  it('export writes the log after --from-position to a file, completely', async () => {
    const out = join(dataDir, 'tail.ndjson');
    const from = scenario.recorded[2].position;
    const result = await cli([
      'export',
      '--from-position',
      from,
      '--out',
      out,
      '--data-dir',
      dataDir,
    ]);
    expect(result.status).toBe(0);
    const positions = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { position: string }).position);
    expect(positions).toEqual(scenario.recorded.slice(3).map((e) => e.position));
    expect(result.err).toContain(`exported ${positions.length} events`);
  });

  it('rebuild rebuilds every read model (or one) from the log with the projection runner', async () => {
    const all = await cli(['rebuild', '--data-dir', dataDir]);
    expect(all.status).toBe(0);
    expect(all.out).toMatch(/^relationship-summary: rebuilt \(generation \d+, \d+ events\)$/m);
    expect(all.out).toMatch(/^catalog: rebuilt/m);
    const one = await cli(['rebuild', 'catalog', '--data-dir', dataDir]);
    expect([one.status, one.out.trim().split('\n')]).toEqual([
      0,
      [expect.stringMatching(/^catalog: rebuilt/)],
    ]);
    const unknown = await cli(['rebuild', 'nope', '--data-dir', dataDir]);
    expect([unknown.status, unknown.err]).toEqual([
      2,
      expect.stringContaining('unknown projection "nope"'),
    ]);
    // Three CLI processes, each starting TypeScript: 4.5 s at load 11, past jest's 5 s at 18.
  }, 30_000);

  it('export writes to standard output by default', async () => {
    const result = await cli(['export', '--data-dir', dataDir]);
    expect(result.status).toBe(0);
    expect(result.out.trimEnd().split('\n')).toHaveLength(scenario.recorded.length);
  });
});
