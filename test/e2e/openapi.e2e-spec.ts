import request from 'supertest';
import { bearer, startTestApp, TestApp } from '../support/test-app';

interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}

interface OpenApiOperation {
  summary: string;
  'x-roles'?: string[];
  responses: Record<string, OpenApiResponse>;
}

type Method = 'get' | 'post';

const COMMAND_ERRORS = ['400', '401', '403', '409', '413', '415', '422'];
const QUERY_ERRORS = ['400', '401', '403', '503'];
const AUDIT_ERRORS = ['400', '401', '403'];
const KEY_ERRORS = ['401', '403'];

/** Creating commands (201, no If-Match): the aggregate's collection. */
const CREATES = ['/v1/organizations', '/v1/offerings', '/v1/relationships', '/v1/improvements'];
const COMMANDS_ON = {
  '/v1/offerings/{id}': ['revise', 'retire'],
  '/v1/relationships/{id}': [
    'stakeholders',
    'provisions',
    'deprovisions',
    'consumptions',
    'outputs',
    'outcomes',
    'costs',
    'risks',
    'service-levels',
    'reviews',
    'retractions',
    'end',
  ],
  '/v1/improvements/{id}': [
    'approve',
    'reject',
    'withdraw',
    'hold',
    'resume',
    'implement',
    'evaluate',
  ],
};

/** Improvement teams run improvements: those commands are open to analysts too. */
const rolesOf = (path: string) =>
  path.startsWith('/v1/improvements') ? ['service', 'analyst'] : ['service'];

interface Expected {
  /** undefined: a public route, no key. */
  roles?: string[];
  /** Error answers it must document, each as problem+json. */
  errors: string[];
}

/**
 * Every route of the API with its roles and error answers. A route added without an entry
 * here, or without a summary, roles or its error answers in the document, fails the test.
 */
function expectedRoutes(): Map<string, Expected> {
  const routes = new Map<string, Expected>();
  for (const path of CREATES) {
    routes.set(`post ${path}`, { roles: rolesOf(path), errors: COMMAND_ERRORS });
  }
  for (const [base, actions] of Object.entries(COMMANDS_ON)) {
    for (const action of actions) {
      routes.set(`post ${base}/${action}`, {
        roles: rolesOf(base),
        errors: [...COMMAND_ERRORS, '404', '412'],
      });
    }
  }
  const analyst = ['analyst'];
  routes.set('get /v1/offerings', { roles: analyst, errors: QUERY_ERRORS });
  routes.set('get /v1/improvements', { roles: analyst, errors: QUERY_ERRORS });
  routes.set('get /v1/analytics/improvements', { roles: analyst, errors: QUERY_ERRORS });
  routes.set('get /v1/relationships', { roles: analyst, errors: QUERY_ERRORS });
  routes.set('get /v1/organizations', { roles: analyst, errors: QUERY_ERRORS });
  for (const path of [
    '/v1/offerings/{id}',
    '/v1/improvements/{id}',
    '/v1/relationships/{id}',
    '/v1/organizations/{id}',
    '/v1/analytics/offerings/{id}',
    '/v1/analytics/offerings/{id}/trend',
  ]) {
    routes.set(`get ${path}`, { roles: analyst, errors: [...QUERY_ERRORS, '404'] });
  }
  const auditor = ['auditor'];
  for (const path of [
    '/v1/audit/streams/{streamId}',
    '/v1/audit/relationships/{id}/state',
    '/v1/audit/verify',
    '/v1/audit/proofs/inclusion',
  ]) {
    routes.set(`get ${path}`, { roles: auditor, errors: [...AUDIT_ERRORS, '404'] });
  }
  routes.set('get /v1/me', { roles: ['service', 'analyst', 'auditor'], errors: KEY_ERRORS });
  routes.set('get /v1/relationships/{id}/timeline', {
    roles: analyst,
    errors: ['400', ...KEY_ERRORS, '404'],
  });
  routes.set('get /v1/events/stream', {
    roles: ['analyst', 'auditor'],
    errors: ['400', ...KEY_ERRORS],
  });
  for (const path of [
    '/v1/audit/export',
    '/v1/audit/checkpoint',
    '/v1/audit/checkpoint/key',
    '/v1/audit/proofs/consistency',
  ]) {
    routes.set(`get ${path}`, { roles: auditor, errors: AUDIT_ERRORS });
  }
  const admin = ['admin'];
  routes.set('get /metrics', { roles: admin, errors: KEY_ERRORS });
  routes.set('get /v1/admin/projections', { roles: admin, errors: KEY_ERRORS });
  routes.set('post /v1/admin/projections/{name}/rebuild', {
    roles: admin,
    errors: [...KEY_ERRORS, '404'],
  });
  routes.set('get /health', { errors: [] });
  routes.set('get /health/live', { errors: [] });
  routes.set('get /health/ready', { errors: [] });
  return routes;
}

/** The OpenAPI document at /docs: public, and it documents every route. */
describe('OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('serves the OpenAPI document and UI at /docs without a key, every command documented', async () => {
    await request(t.server).get('/docs').expect(200).expect('Content-Type', /html/);
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    const commands = Object.entries(
      doc.paths as Record<string, { post?: OpenApiOperation }>,
    ).filter(
      ([path, ops]) =>
        /^\/v1\/(organizations|offerings|relationships|improvements)/.test(path) && ops.post,
    );
    expect(commands.length).toBe(25);
    for (const [path, { post: op }] of commands as [string, { post: OpenApiOperation }][]) {
      expect({ path, summary: op.summary }).toEqual({
        path,
        summary: expect.stringContaining(
          path.startsWith('/v1/improvements') ? 'roles service, analyst' : 'role service',
        ),
      });
      expect(op['x-roles']).toEqual(rolesOf(path));
      for (const status of ['400', '401', '403', '409', '413', '422']) {
        expect({ path, status, has: op.responses[status] !== undefined }).toEqual({
          path,
          status,
          has: true,
        });
      }
      expect(op.responses['200'] ?? op.responses['201']).toBeDefined();
    }
  });

  it('documents every route: summary, roles, a success answer and its errors as problem+json', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, OpenApiOperation>>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.components.schemas.ProblemDetails).toBeDefined();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    const expected = expectedRoutes();
    expect(operations.map((o) => o.route).sort()).toEqual([...expected.keys()].sort());
    for (const { route, op } of operations) {
      const want = expected.get(route)!;
      expect({ route, summary: op.summary?.length > 0 }).toEqual({ route, summary: true });
      expect({ route, roles: op['x-roles'] }).toEqual({ route, roles: want.roles });
      const statuses = Object.keys(op.responses);
      expect({ route, success: statuses.some((s) => /^2\d\d$/.test(s)) }).toEqual({
        route,
        success: true,
      });
      expect({ route, errors: statuses.filter((s) => /^[45]\d\d$/.test(s)) }).toEqual({
        route,
        errors: expect.arrayContaining(want.errors),
      });
      for (const status of want.errors) {
        expect({ route, status, content: op.responses[status].content }).toEqual({
          route,
          status,
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        });
      }
    }
  });

  it('documents every field of a projection report the admin route answers', async () => {
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const answer = await request(t.server)
      .get('/v1/admin/projections')
      .set('Authorization', bearer('admin'))
      .expect(200);
    const report = (answer.body as { projections: Record<string, unknown>[] }).projections[0];
    const documented = Object.keys(doc.components.schemas.ProjectionReportDto.properties ?? {});
    expect(Object.keys(report).sort()).toEqual(documented.sort());
  });
});
