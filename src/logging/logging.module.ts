import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pathOf } from '../common/http/request-path';
import { AppConfig } from '../config/app-config';

const QUIET_PATHS = new Set(['/health', '/metrics', '/widget.js']);
/** Asked on every page view of every customer site: logged when refused, not when answered. */
const QUIET_WHEN_ANSWERED = new Set(['/v1/widget/config']);

/** The path the client asked for (the middleware layer may have rewritten `url`). */
function requestPath(request: IncomingMessage & { originalUrl?: string }): string {
  return pathOf(request.originalUrl ?? request.url ?? '');
}

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

/** An inbound address's token is its credential: the logged URL keeps the channel and hides the token. */
export function withoutInboundToken(url: string): string {
  return url.replace(/^(\/v1\/inbound\/[^/?]*\/)[^/?]+/i, '$1[redacted]');
}

/** Structured JSON logs with a request id on every line (the platform's, see request-id.ts), and no secrets. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          serializers: { req: (req: { url?: string }) => ({ ...req, url: withoutInboundToken(req.url ?? '') }) },
          customLogLevel: (request, response, error) => {
            if (error || response.statusCode >= 500) return 'error';
            if (response.statusCode >= 400) return 'warn';
            return QUIET_WHEN_ANSWERED.has(requestPath(request)) ? 'silent' : 'info';
          },
          // Probes, scrapes and the widget script (fetched on every page view) would drown the rest.
          autoLogging: { ignore: (request) => QUIET_PATHS.has(requestPath(request)) },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
