import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An API key from LEDGER_API_KEYS',
    })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}
