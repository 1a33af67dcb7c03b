import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Helmet's security headers with a Content-Security-Policy that fits what the ledger serves:
 * the dashboard and the OpenAPI UI are self-hosted files, so scripts come from this origin only
 * (no inline script); the OpenAPI UI sets inline styles and data: images. No
 * `upgrade-insecure-requests`: a ledger on plain HTTP inside a network must still load its
 * own files.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API is not embedded in other sites' pages.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  // Answers of the API are never cached (they change with every append); static files
  // (dashboard, OpenAPI UI assets) set their own Cache-Control and keep it.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (_request, reply, payload, done) => {
      if (!reply.hasHeader('cache-control')) void reply.header('Cache-Control', 'no-store');
      done(null, payload);
    });
}
