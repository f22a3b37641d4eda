import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const QUIET_PATHS = new Set(['/health', '/metrics', '/widget.js']);

/** Paths of log fields that may carry credentials; pino replaces their values. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-widget-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.secret',
  '*.adminApiKey',
  '*.visitorToken',
  '*.password',
];

/**
 * A caller's id is kept when it looks like one; anything else is replaced, never echoed into logs.
 * Also used by requests answered before the logger's middleware (the widget config's fast path).
 */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Structured JSON logs with a request id on every line, and no secrets. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: requestId,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customLogLevel: (_request, response, error) =>
            error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          // Probes, scrapes and the widget script (fetched on every page view) would drown the rest.
          autoLogging: { ignore: (request) => QUIET_PATHS.has((request.url ?? '').split('?')[0]) },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
