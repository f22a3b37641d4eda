import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation.pipe';
import { buildOpenApiDocument, serveOpenApi } from './common/openapi/openapi';
import { AppConfig } from './config/app-config';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { WidgetConfigFastPath } from './tenants/widget-config.fast-path';

/** Request bodies are small JSON documents; anything larger is refused before parsing. */
export const BODY_LIMIT = '64kb';

/**
 * The widget runs on customers' sites, so the widget API (and the script itself, for sites that
 * load it with `crossorigin` and Subresource Integrity) answers any origin. The widget key names
 * the tenant and no cookies are involved, hence `*` without credentials. A tenant that lists its
 * allowed origins gets that grant narrowed (or withdrawn, with a 403) by `WidgetKeyGuard`, once
 * the key has named the tenant; a preflight carries no key, so it is granted to every origin and
 * the request that follows is judged.
 */
const CROSS_ORIGIN_PATHS = /^\/(v1\/widget\/|widget\.js$)/i;
const WIDGET_CORS: CorsOptions = {
  origin: '*',
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['X-Widget-Key', 'Authorization', 'Content-Type'],
  exposedHeaders: ['Retry-After'],
  // Chromium's cap; each conversation's URLs are preflighted once per this many seconds.
  maxAge: 7200,
};
/** Admin, platform and operations stay same-origin: no CORS headers at all. */
const SAME_ORIGIN_ONLY: CorsOptions = { origin: false };

function corsOptionsFor(path: string): CorsOptions {
  return CROSS_ORIGIN_PATHS.test(path) ? WIDGET_CORS : SAME_ORIGIN_ONLY;
}

/** Everything an HTTP process applies around the modules; shared by `main.ts` and the tests. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
  app.enableCors((request: Request, callback) => callback(null, corsOptionsFor(request.path)));
  // After the security headers and CORS, before the routes and their middleware (logging, metrics).
  const metrics = app.get(HttpMetricsMiddleware);
  app.use(app.get(WidgetConfigFastPath).middleware((request, response, route) => metrics.time(request, response, route)));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, buildOpenApiDocument(app));
}
