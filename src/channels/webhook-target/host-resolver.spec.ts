import * as ipaddr from 'ipaddr.js';
import { SystemHostResolver } from './host-resolver';

describe('SystemHostResolver', () => {
  it('resolves through the hosts file, as a connection would', async () => {
    const addresses = await new SystemHostResolver().resolveAll('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.map((address) => ipaddr.parse(address).range())).toEqual(
      addresses.map(() => 'loopback'),
    );
  });
});
