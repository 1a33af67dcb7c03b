import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** Vite names every built asset by its content hash, so a cached copy can never be stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidated. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built dashboard (apps/ledger-web, `npm run build:web`) at `/`. Only the files that
 * exist at start get a route (`wildcard: false`), so no API route or `/docs` is shadowed and an
 * unknown path still gets the API's 404. Without a build, `/` says how to make one.
 */
export async function registerDashboard(
  fastify: FastifyInstance,
  webDir: string | undefined,
): Promise<'served' | 'not-built'> {
  const root = webDir ?? builtDashboardDir();
  if (root === undefined || !existsSync(join(root, 'index.html'))) {
    fastify.get('/', async (_request, reply) =>
      reply.code(404).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'the dashboard is not built: run `npm run build:web` (npm install does it)',
      }),
    );
    return 'not-built';
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    // No reply.sendFile needed (and the swagger UI's registration of the plugin decorates none).
    decorateReply: false,
    schemaHide: true,
    setHeaders: (reply, path) => {
      void reply.header(
        'cache-control',
        path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE,
      );
    },
  });
  return 'served';
}

/** `apps/ledger-web/dist` of this checkout, found from here both in src/ and in dist/. */
function builtDashboardDir(): string | undefined {
  let dir = __dirname;
  for (let up = 0; up < 8; up += 1) {
    const candidate = join(dir, 'apps', 'ledger-web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
