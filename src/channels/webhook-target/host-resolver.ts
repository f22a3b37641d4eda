import { Resolver } from 'node:dns/promises';

/** Turns a host name into the addresses a connection to it could reach. */
export abstract class HostResolver {
  /** Every A and AAAA address of the name; rejects when the name does not resolve. */
  abstract resolveAll(hostname: string): Promise<string[]>;
}

/** RFC 6761: `localhost` and its subdomains are loopback, whatever a name server says. */
const LOCALHOST = /(^|\.)localhost$/;
const LOOPBACK = ['127.0.0.1', '::1'];

const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND']);

/**
 * Asks the system's name servers directly (c-ares) with a deadline, rather than getaddrinfo:
 * getaddrinfo blocks a libuv thread-pool thread for as long as a tenant's dead name server keeps
 * it (four threads shared with the file system and crypto), so one tenant could stall every
 * other tenant's deliveries. A and AAAA are asked together; a name with neither rejects, and
 * WebhookTargetPolicy turns any rejection into a refusal. The hosts file is not read, except for
 * `localhost`, which is always loopback.
 */
export class SystemHostResolver extends HostResolver {
  private readonly resolver: Resolver;

  /** `servers` replaces the system's name servers (`host:port`). */
  constructor(timeoutMs: number, servers?: string[]) {
    super();
    this.resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    if (servers) this.resolver.setServers(servers);
  }

  async resolveAll(hostname: string): Promise<string[]> {
    if (LOCALHOST.test(hostname)) return LOOPBACK;
    const answers = await Promise.allSettled([this.resolver.resolve4(hostname), this.resolver.resolve6(hostname)]);
    const addresses = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
    if (addresses.length > 0) return addresses;
    const failure = answers.find((answer) => answer.status === 'rejected' && !NO_RECORDS.has((answer.reason as { code?: string }).code ?? ''));
    throw failure?.status === 'rejected' ? failure.reason : new Error(`${hostname} has no address`);
  }
}
