import { lookup } from 'node:dns/promises';

/** Turns a host name into the addresses a connection to it could reach. */
export abstract class HostResolver {
  /** Every A and AAAA address of the name; rejects when the name does not resolve. */
  abstract resolveAll(hostname: string): Promise<string[]>;
}

/**
 * Resolves the way a socket connection would (getaddrinfo, so the hosts file and search
 * domains count), which is what the policy must vet. Failures (ENOTFOUND, EAI_AGAIN, ...)
 * reject; WebhookTargetPolicy turns any rejection into a refusal.
 */
export class SystemHostResolver extends HostResolver {
  async resolveAll(hostname: string): Promise<string[]> {
    const results = await lookup(hostname, { all: true, verbatim: true });
    return results.map((result) => result.address);
  }
}
