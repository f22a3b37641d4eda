import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SecuritySchemes } from '../../tenants/guards/auth.decorators';

/** The OpenAPI document of the running app; operation ids are the (app-unique) method names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Wilow handoff service')
    .setDescription(
      'Hands a visitor conversation with the Wilow assistant to the tenant\'s team, by email and by a signed ticket webhook.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'PLATFORM_TOKEN of the deployment.' }, SecuritySchemes.platformToken)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A secret admin API key of the tenant.' }, SecuritySchemes.adminKey)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Widget-Key', description: 'The tenant\'s public widget key.' }, SecuritySchemes.widgetKey)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The visitor token of the conversation.' }, SecuritySchemes.visitorToken)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN of the deployment, when set.' }, SecuritySchemes.metricsToken)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  return sortKeys(document);
}

/** Swagger UI at /docs and the document at /docs-json. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/** Stable key order, so the committed document diffs cleanly. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)])) as T;
}
