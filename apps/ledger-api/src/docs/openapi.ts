import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The document's tags in reading order: record, then read, then check, then run it. */
const TAGS: [name: string, description: string][] = [
  ['commands: organizations', 'Register the organizations that provide and consume services'],
  ['commands: offerings', 'Publish, revise and retire service offerings (utility, warranty)'],
  [
    'commands: relationships',
    'Service relationships and the facts of value co-creation: provision, consumption, outputs, outcomes, costs, risks, service levels, reviews',
  ],
  ['commands: improvements', 'Continual improvement: propose, approve, implement, evaluate'],
  ['queries', 'Read models: catalog, organizations, relationships, improvement register'],
  ['analytics', 'Analytics of offerings and improvements'],
  ['events', 'The log as a live stream of server-sent events'],
  ['audit', 'Stream histories, replay as of a time, hash-chain verification, export, proofs'],
  ['session', 'Who the caller is: the key name and role (the dashboard picks its pages by it)'],
  ['operations', 'Health, metrics and projection administration'],
];

/** Routes behind the per-key rate limit (see operations/rate-limit.ts). */
function isRateLimited(path: string): boolean {
  return path.startsWith('/v1/') || path === '/metrics';
}

/**
 * Completes what decorators cannot say: the global tag order (tags no route uses are left
 * out, tags not listed above go last), and the 429 every rate-limited route can answer.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as { tags?: string[]; responses?: object }[]) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      for (const tag of operation.tags ?? []) used.add(tag);
      if (isRateLimited(path)) {
        (operation.responses as Record<string, unknown>)['429'] = {
          description: 'More than LEDGER_RATE_LIMIT requests a minute for this key',
          headers: {
            'Retry-After': {
              description: 'Seconds until the key may send again',
              schema: { type: 'integer' },
            },
          },
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        };
      }
    }
  }
  const known = TAGS.filter(([name]) => used.has(name)).map(([name, description]) => ({
    name,
    description,
  }));
  const others = [...used]
    .filter((name) => !TAGS.some(([known]) => known === name))
    .sort()
    .map((name) => ({ name }));
  return { ...document, tags: [...known, ...others] };
}

/**
 * The OpenAPI document (generated from the controllers' and DTOs' decorators) and its UI at
 * `/docs`, JSON at `/docs/openapi.json`. Served by Fastify directly, outside the guard: the
 * document is public, every route in it says its roles (`x-roles`) and error answers.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Service-Relationship Ledger')
    .setDescription(
      'An event-sourced ledger of IT service relationships in the vocabulary of ITIL 4. ' +
        'Every accepted command is a durable event; errors are RFC 9457 problem+json. ' +
        'Authenticate with `Authorization: Bearer <key>`; roles: service (commands), ' +
        'analyst (queries), auditor (queries and audit), admin (everything).',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Relative: the document works behind any host name or proxy that serves it.
    .addServer('/', 'This ledger')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      // Opaque keys from LEDGER_API_KEYS, not JWTs.
      bearerFormat: 'API key',
      description: 'An API key from LEDGER_API_KEYS (name:role:key; the key part)',
    })
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => finishDocument(SwaggerModule.createDocument(app, config)),
    {
      jsonDocumentUrl: 'docs/openapi.json',
      yamlDocumentUrl: 'docs/openapi.yaml',
    },
  );
}
