import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { establishedRelationship, post } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every command route (issue 8, "Done when"): random JSON values,
 * random objects with the DTO's own field names, and hand-made hostile texts, as bodies of
 * every POST route the OpenAPI document lists (so new routes are fuzzed without a change
 * here). Whatever the body, the answer is never a 5xx, and a refused body appends nothing.
 */
const SEED = Number(process.env.LEDGER_FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.LEDGER_FUZZ_RUNS ?? 2000);

interface Route {
  path: string;
  fields: string[];
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

describe('fuzzing every command route', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_MIN_POSITION_TIMEOUT_MS: '0' } });
    const f = await establishedRelationship(t);
    const r = `/v1/relationships/${f.relationshipId}`;
    await post(t, `${r}/provisions`, { offeringId: f.offeringId }).expect(200);
    const improvement = await post(t, '/v1/improvements', {
      subject: { relationshipId: f.relationshipId },
      title: 'Faster restores',
      dimension: 'value-streams-and-processes',
      valueChainActivity: 'improve',
      metric: 'restore-minutes',
      baseline: 60,
      target: 30,
      direction: 'decrease',
      targetDate: '2027-01-01',
      owner: 'Dana',
    }).expect(201);
    const ids: Record<string, string> = {
      relationships: f.relationshipId,
      offerings: f.offeringId,
      organizations: f.providerId,
      improvements: (improvement.body as { id: string }).id,
    };
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json<OpenApi>();
    routes = Object.entries(doc.paths)
      .filter(
        ([path, methods]) =>
          methods.post && path.startsWith('/v1/') && !path.startsWith('/v1/admin/'),
      )
      .map(([path, methods]) => {
        const ref = methods.post.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
        const family = path.split('/')[2];
        return {
          path: path.replace('{id}', ids[family] ?? randomUUID()),
          fields: Object.keys(schema?.properties ?? {}),
        };
      });
    process.stdout.write(
      `fuzz: fast-check seed ${SEED}, ${RUNS} runs over ${routes.length} command routes ` +
        '(LEDGER_FUZZ_SEED / LEDGER_FUZZ_RUNS to change)\n',
    );
  });

  afterAll(async () => {
    await t.dispose();
  });

  function head(): Promise<string | undefined> {
    return t.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  /** Numbers and texts that broke the API before: beyond double range, lost digits, controls. */
  const hostileText = fc.oneof(
    fc.constantFrom(
      '1e309',
      '-1e309',
      '12345678901234567890',
      '9007199254740993',
      '1e-400',
      '0.1000000000000000000001',
    ),
    fc.integer({ min: 30, max: 3000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`),
    fc.string({ unit: 'binary', maxLength: 12 }).map((s) => JSON.stringify(`\u001b${s}\r\n`)),
    fc.string({ maxLength: 40 }),
  );

  function bodies(route: Route): fc.Arbitrary<string> {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      hostileText.map((text) => ({ raw: text })),
    );
    const withFields =
      route.fields.length === 0
        ? fc.constant('{}')
        : fc
            .dictionary(fc.constantFrom(...route.fields), value, { maxKeys: route.fields.length })
            .map((object) => toJson(object));
    return fc.oneof(
      { weight: 3, arbitrary: withFields },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: hostileText },
    );
  }

  it('answers no 5xx, and a refused body appends nothing', async () => {
    const cases = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        body: bodies(route),
        key: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      }),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, body, key }) => {
        const before = await head();
        const res = await t.app.inject({
          method: 'POST',
          url: route.path,
          headers: {
            authorization: bearer('admin'),
            'content-type': 'application/json',
            ...(key === undefined ? {} : { 'idempotency-key': key }),
          },
          payload: body,
        });
        if (res.statusCode >= 500) {
          throw new Error(
            `${res.statusCode} for POST ${route.path} ${body.slice(0, 300)}: ${res.body}`,
          );
        }
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(await head()).toBe(before);
        } else {
          accepted += 1;
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    process.stdout.write(`fuzz: ${RUNS} runs, ${accepted} accepted, none answered 5xx\n`);
  }, 180_000);
});

/** JSON text of an object whose values may be raw hostile texts (inserted unquoted). */
function toJson(object: Record<string, unknown>): string {
  const parts = Object.entries(object).map(([key, value]) => {
    const raw = (value as { raw?: unknown } | null)?.raw;
    const text =
      typeof raw === 'string' && value !== null && Object.keys(value as object).length === 1
        ? raw
        : JSON.stringify(value);
    return `${JSON.stringify(key)}:${text ?? 'null'}`;
  });
  return `{${parts.join(',')}}`;
}
