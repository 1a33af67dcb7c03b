import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { IMPORT_ROUTES } from '../../apps/ledger-cli/src/import/import-routes';
import { generateImport, writeImportFile } from '../support/import-file';
import { runCliCaptured } from '../support/run-cli';
import { startTestApp, TEST_KEYS } from '../support/test-app';

jest.setTimeout(900_000);

/** How many events the data dir's store holds. */
async function eventsIn(dataDir: string): Promise<number> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.db') });
  try {
    let n = 0;
    for await (const _ of store.readAll()) n += 1;
    return n;
  } finally {
    await store.close();
  }
}

/**
 * `ledger import` on a generated history of 10,000 commands, straight into a data dir (the API
 * stopped): every command goes through the API's own routes in the CLI's process. One bad line
 * is refused with its number while the rest go in; a second run records nothing.
 */
describe('ledger import (NDJSON history through the command routes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
  const dataDir = join(dir, 'data');
  const file = join(dir, 'history.ndjson');
  const BAD_LINE = 5000;
  // Commits need not reach the disk in a test (the command path is the same).
  const env = { LEDGER_DATA_DIR: dataDir, LEDGER_SQLITE_SYNCHRONOUS: 'NORMAL' };

  beforeAll(() => {
    const { lines } = generateImport(10_000);
    lines[BAD_LINE - 1] = JSON.stringify({
      command: 'RecordCost',
      id: JSON.parse(lines[BAD_LINE - 1]).id,
      body: { effect: 'removed', amount: '-1', currency: 'EUR', description: 'negative' },
    });
    writeImportFile(file, lines);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('records all 9,999 good commands, reports the bad line by number, and a second run records nothing', async () => {
    const first = await runCliCaptured(['import', file], env);
    expect(first.out).toContain(`line ${BAD_LINE}: RecordCost refused: 400 amount:`);
    expect(first.out).toContain(
      '10000 line(s): 9999 accepted (recorded now or by an earlier run), 1 refused',
    );
    expect(first.err).toMatch(/imported 10000\/10000 \(\d+\/s, ETA 0 s, 1 refused\)/);
    expect(first.status).toBe(1);
    // One event per accepted command.
    expect(await eventsIn(dataDir)).toBe(9999);

    const second = await runCliCaptured(['import', file], env);
    expect(second.out).toContain(
      '10000 line(s): 9999 accepted (recorded now or by an earlier run), 1 refused',
    );
    expect(await eventsIn(dataDir)).toBe(9999);
  });

  it('sends to a running API by URL and key, with the same answers', async () => {
    const t = await startTestApp();
    try {
      await t.app.listen(0, '127.0.0.1');
      const address = t.app.getHttpServer().address() as { port: number };
      // Every command an import file may name is a command route of the API.
      const doc = (await (
        await fetch(`http://127.0.0.1:${address.port}/docs/openapi.json`)
      ).json()) as {
        paths: Record<string, { post?: unknown }>;
      };
      for (const route of Object.values(IMPORT_ROUTES)) {
        expect({
          route,
          post: doc.paths[route.replace(':id', '{id}')]?.post !== undefined,
        }).toEqual({
          route,
          post: true,
        });
      }
      const small = join(dir, 'small.ndjson');
      const { lines } = generateImport(60, 2);
      lines.push('{"command":"RecordCost"}', 'not json');
      writeImportFile(small, lines);
      const args = [
        'import',
        small,
        '--url',
        `http://127.0.0.1:${address.port}`,
        '--key',
        TEST_KEYS.service,
      ];
      const first = await runCliCaptured(args, {});
      expect(first.out).toContain('line 61: ? refused: RecordCost needs "id"');
      expect(first.out).toContain('line 62: ? refused: not a JSON object');
      expect(first.out).toContain('62 line(s): 60 accepted');
      const again = await runCliCaptured(args, {});
      expect(again.out).toContain('62 line(s): 60 accepted');
      await t.close();
      expect(await eventsIn(t.dataDir)).toBe(60);
    } finally {
      await t.dispose();
    }
  });

  it('imports the documented example (docs/import-example.ndjson) without a refusal', async () => {
    const example = join(__dirname, '../../docs/import-example.ndjson');
    const exampleEnv = { ...env, LEDGER_DATA_DIR: join(dir, 'example') };
    const res = await runCliCaptured(['import', example], exampleEnv);
    expect(res.out).toContain('13 line(s): 13 accepted');
    expect(res.status).toBe(0);
    expect(await eventsIn(join(dir, 'example'))).toBe(13);
  });

  it('refuses usage errors before touching anything', async () => {
    const res = await runCliCaptured(['import', file, '--url', 'http://127.0.0.1:1'], env);
    expect(res.status).toBe(2);
    expect(res.err).toContain('--url and --key go together');
  });
});
