/**
 * Baseline of the widget config: a bare Node `http` server answering every request with the
 * very bytes the service answered (status, headers and body, captured by the driver). Runs in
 * its own process, as the service does; tells the driver its port over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const status = Number(process.env.BENCH_STATUS ?? 200);
const headers = JSON.parse(process.env.BENCH_HEADERS ?? '{}') as Record<string, string>;
const body = Buffer.from(process.env.BENCH_BODY ?? '', 'base64');

const server = createServer((_request, response) => {
  response.writeHead(status, headers);
  response.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
