import { once } from 'node:events';
import { connect, Socket } from 'node:net';
import { isolatedEnvironment, ServiceProcess, startServiceProcess } from './support/service-process';
import { dropDatabase, PLATFORM_TOKEN } from './support/test-app';
import { waitFor } from './support/wait';

/** An HTTP/1.1 request on a kept-alive connection of its own, its body held back until `finish`. */
async function requestUnderWay(url: string, path: string, body: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = once(socket, 'close');
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\nAuthorization: Bearer ${PLATFORM_TOKEN}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 4)}`,
  );
  return {
    finish: () => socket.write(body.slice(4)),
    /** Resolves to the status line once the service has closed the connection. */
    closed: async () => {
      await closed;
      return answer.split('\r\n')[0];
    },
  };
}

describe('Graceful drain of the HTTP server on SIGTERM', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startServiceProcess(isolatedEnvironment({ APP_ROLE: 'api', LOG_LEVEL: 'info' }));
  });

  afterAll(async () => {
    await service.stop();
    await dropDatabase(service.env.DATABASE_URL);
  });

  it('refuses new connections, answers the request under way, closes its kept-alive connection and exits', async () => {
    const underWay = await requestUnderWay(service.url, '/v1/platform/tenants', JSON.stringify({ name: 'Drained' }));
    const exited = once(service.child, 'exit');
    service.child.kill('SIGTERM');
    await waitFor(
      async () => fetch(`${service.url}/health`).then(() => false, (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED'),
      10_000,
      'new connections refused',
    );

    underWay.finish();
    expect(await underWay.closed()).toBe('HTTP/1.1 201 Created');
    await exited;
    expect(service.output()).toContain('HTTP server drained');
  });
});
