import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  parameters?: { name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Document {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { scheme?: string; bearerFormat?: string }>;
  };
}

/**
 * `type: object` with nothing that says its shape: what a field typed `string | null` (or any
 * union) becomes when its decorator does not name the type. A client generated from it sends
 * an object where the API wants a string.
 */
function shapelessObjects(schema: Schema | undefined, where: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const found: string[] = [];
  const composed = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (
    schema.type === 'object' &&
    !schema.$ref &&
    schema.properties === undefined &&
    schema.additionalProperties === undefined &&
    composed.length === 0
  ) {
    found.push(where);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    found.push(...shapelessObjects(property, `${where}.${name}`));
  }
  found.push(...shapelessObjects(schema.items, `${where}[]`));
  if (typeof schema.additionalProperties === 'object') {
    found.push(...shapelessObjects(schema.additionalProperties, `${where}{}`));
  }
  composed.forEach((part, i) => found.push(...shapelessObjects(part, `${where}<${i}>`)));
  return found;
}

/** The components each route uses, directly or through other components, by schema name. */
function routesBySchema(doc: Document): Map<string, Set<string>> {
  const refsOf = (value: unknown): string[] =>
    [...JSON.stringify(value ?? null).matchAll(/#\/components\/schemas\/([^"]+)/g)].map(
      (m) => m[1],
    );
  const users = new Map<string, Set<string>>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      const seen = new Set<string>();
      const queue = refsOf(op);
      while (queue.length > 0) {
        const name = queue.pop()!;
        if (seen.has(name)) continue;
        seen.add(name);
        if (!users.has(name)) users.set(name, new Set());
        users.get(name)!.add(route);
        queue.push(...refsOf(doc.components.schemas[name]));
      }
    }
  }
  return users;
}

/**
 * The OpenAPI document is something clients are generated from: it must be valid OpenAPI,
 * give every field its real type and every success answer its schema. New routes are held to
 * this too; a failure names the route or schema to fix.
 */
describe('OpenAPI document: valid and complete enough to generate a client', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body as Document;
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('is valid OpenAPI (checked by @apidevtools/swagger-parser)', async () => {
    await expect(
      // A copy: the validator dereferences the document in place.
      SwaggerParser.validate(
        structuredClone(doc) as unknown as Parameters<typeof SwaggerParser.validate>[0],
      ),
    ).resolves.toBeDefined();
  });

  it('types no field as a shapeless object (a nullable string is a string)', () => {
    const users = routesBySchema(doc);
    const offenders = [
      ...Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
        shapelessObjects(schema, `schema ${name}`).map(
          (where) => `${where} (in ${[...(users.get(name) ?? ['no route'])].join(', ')})`,
        ),
      ),
      ...Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.entries(operations).flatMap(([method, op]) => [
          ...(op.parameters ?? []).flatMap((p) =>
            shapelessObjects(p.schema, `${method.toUpperCase()} ${path} parameter ${p.name}`),
          ),
          ...Object.entries(op.requestBody?.content ?? {}).flatMap(([type, c]) =>
            shapelessObjects(c.schema, `${method.toUpperCase()} ${path} body (${type})`),
          ),
          ...Object.entries(op.responses).flatMap(([status, answer]) =>
            Object.entries(answer.content ?? {}).flatMap(([type, c]) =>
              shapelessObjects(c.schema, `${method.toUpperCase()} ${path} ${status} (${type})`),
            ),
          ),
        ]),
      ),
    ];
    expect(offenders).toEqual([]);
  });

  it('gives every operation a success answer with a schema', () => {
    const without = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => {
          const successes = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
          return !successes.some(([, answer]) =>
            Object.values(answer.content ?? {}).some((c) => c.schema !== undefined),
          );
        })
        .map(([method]) => `${method.toUpperCase()} ${path}: no success answer with a schema`),
    );
    expect(without).toEqual([]);
  });

  it('has servers, a licence, ordered global tags and an API-key bearer scheme', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBe('MIT');
    const tags = (doc.tags ?? []).map((tag) => tag.name);
    const used = new Set(
      Object.values(doc.paths).flatMap((ops) =>
        Object.values(ops).flatMap((op) => (op as { tags?: string[] }).tags ?? []),
      ),
    );
    expect(new Set(tags)).toEqual(used);
    expect(tags[0]).toBe('commands: organizations');
    expect(tags.indexOf('queries')).toBeLessThan(tags.indexOf('audit'));
    expect(tags[tags.length - 1]).toBe('operations');
    const bearer = Object.values(doc.components.securitySchemes).find(
      (scheme) => scheme.scheme === 'bearer',
    );
    expect(bearer).toBeDefined();
    expect(bearer?.bearerFormat).not.toBe('JWT');
  });

  it('documents 429 with Retry-After on every rate-limited route', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, op] of Object.entries(operations)) {
        expect({ route: `${method} ${path}`, has429: op.responses['429'] !== undefined }).toEqual({
          route: `${method} ${path}`,
          has429: true,
        });
      }
    }
  });
});
