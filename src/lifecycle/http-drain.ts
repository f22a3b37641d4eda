import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** Requests still running after this are cut off; load balancers retry them elsewhere. */
const DRAIN_TIMEOUT_MS = 10_000;
const IDLE_CHECK_MS = 50;

/**
 * On shutdown, stop accepting connections first and let in-flight requests finish while the
 * database and queues are still open (Nest would otherwise close the server last).
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(HttpDrain.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    // A kept-alive connection would stay open until it timed out (Fastify keeps them 72 s): each
    // is closed as soon as it has no request under way.
    const closingIdle = setInterval(() => server.closeIdleConnections(), IDLE_CHECK_MS);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
    await Promise.race([drained, timeout]);
    clearInterval(closingIdle);
    server.closeAllConnections();
    this.logger.log('HTTP server drained');
  }
}
