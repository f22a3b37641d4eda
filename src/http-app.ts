import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation.pipe';
import { pathOf } from './common/http/request-path';
import { buildOpenApiDocument, serveOpenApi } from './common/openapi/openapi';
import { AppConfig } from './config/app-config';
import { echoRequestIds, requestIdOf } from './logging/request-id';
import { HttpMetrics } from './metrics/http-metrics';

/** @fastify/cors's options, as Nest's Fastify application takes them. */
type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** Request bodies are small JSON documents; anything larger is refused (413) while it is read. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

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
  methods: 'GET,POST,OPTIONS',
  allowedHeaders: 'X-Widget-Key,Authorization,Content-Type',
  exposedHeaders: 'Retry-After',
  // Chromium's cap; each conversation's URLs are preflighted once per this many seconds.
  maxAge: 7200,
  // A preflight missing its Origin or method is answered like any other, not with a 400.
  strictPreflight: false,
};
/** Admin, platform and operations stay same-origin: no CORS headers at all. */
const SAME_ORIGIN_ONLY: CorsOptions = { origin: false };

function corsOptionsFor(request: FastifyRequest, callback: (error: Error | null, options: CorsOptions) => void): void {
  callback(null, CROSS_ORIGIN_PATHS.test(pathOf(request.url)) ? WIDGET_CORS : SAME_ORIGIN_ONLY);
}

/** The public documentation (Swagger UI and the document) may be cached like any page. */
const DOCUMENTATION_PATHS = /^\/docs(-json|-yaml)?(\/|$)/;

/**
 * API answers carry transcripts, visitor emails and settings: no browser or proxy may keep them
 * (they would outlive a sign-out). Routes that mean to be cached (the widget config, the widget
 * script, the console's files) say so themselves; errors never do.
 */
function noStoreUnlessCacheable(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  if (!reply.hasHeader('cache-control') && !DOCUMENTATION_PATHS.test(pathOf(request.url))) reply.header('cache-control', 'no-store');
  done(null, payload);
}

/**
 * The HTTP platform: Fastify, with the body limit, the client IP behind TRUST_PROXY hops, and
 * request ids (the caller's X-Request-Id when it looks like one).
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy, genReqId: requestIdOf });
}

/**
 * `rawBody`: each JSON request's bytes stay on `request.rawBody` (Nest's `RawBodyRequest`) beside
 * the parsed body, for routes that check a signature over the body as it was sent. It is the buffer
 * the parser read anyway: keeping it costs no copy.
 */
export const NEST_HTTP_OPTIONS = { rawBody: true } as const;

/** Everything an HTTP process applies around the modules; shared by `main.ts` and the tests. */
export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  app.useLogger(app.get(Logger));
  await app.register(helmet);
  app.enableCors({ delegator: corsOptionsFor });
  await app.register(compress, { threshold: COMPRESSION_THRESHOLD_BYTES, encodings: ['br', 'gzip'] });
  const fastify = app.getHttpAdapter().getInstance();
  echoRequestIds(fastify);
  fastify.addHook('onSend', noStoreUnlessCacheable);
  app.get(HttpMetrics).timeEveryAnswer(fastify);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, buildOpenApiDocument(app));
}
