import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation.pipe';
import { buildOpenApiDocument, serveOpenApi } from './common/openapi/openapi';
import { AppConfig } from './config/app-config';

/** Request bodies are small JSON documents; anything larger is refused before parsing. */
export const BODY_LIMIT = '64kb';

/** Everything an HTTP process applies around the modules; shared by `main.ts` and the tests. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, buildOpenApiDocument(app));
}
