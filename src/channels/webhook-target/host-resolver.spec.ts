import { createSocket, Socket } from 'node:dgram';
import { AddressInfo } from 'node:net';
import { SystemHostResolver } from './host-resolver';

describe('SystemHostResolver', () => {
  it('answers localhost and its subdomains with loopback, without asking a name server', async () => {
    const resolver = new SystemHostResolver(100, ['127.0.0.1:9']);
    await expect(resolver.resolveAll('localhost')).resolves.toEqual(['127.0.0.1', '::1']);
    await expect(resolver.resolveAll('hooks.localhost')).resolves.toEqual(['127.0.0.1', '::1']);
  });

  describe('with a name server that never answers', () => {
    let silent: Socket;

    beforeAll(async () => {
      silent = createSocket('udp4');
      await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    });

    afterAll(() => silent.close());

    it('gives up at its deadline instead of holding a thread', async () => {
      const { port } = silent.address() as AddressInfo;
      const resolver = new SystemHostResolver(200, [`127.0.0.1:${port}`]);
      await expect(resolver.resolveAll('helpdesk.example.com')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    });
  });
});
