import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { HostResolver } from './host-resolver';
import { isPublicAddress, parseIpAddress } from './ip-address';
import { WebhookAllowlist } from './webhook-allowlist';
import { isInternalName, normaliseHost, tryParseUrl } from './webhook-host';

export interface VettedWebhookTarget {
  /** The URL as parsed; post to it, but connect only to `addresses`. */
  url: URL;
  /** The normalised host: lowercase, no trailing dot, IPv6 without brackets. */
  hostname: string;
  /** The addresses that passed; connecting anywhere else would reopen DNS rebinding. */
  addresses: string[];
}

/**
 * Decides where ticket webhooks may be sent (SSRF defence). Applied when an admin saves the
 * URL and again at send time, on the addresses actually connected to. Every refusal is a
 * 400 WEBHOOK_URL_REJECTED whose message tells the tenant admin why.
 */
export class WebhookTargetPolicy {
  constructor(
    private readonly allowlist: WebhookAllowlist,
    private readonly resolver: HostResolver,
  ) {}

  async vetUrl(rawUrl: string): Promise<VettedWebhookTarget> {
    const url = parseHttpsUrl(rawUrl);
    const hostname = requireHost(url.hostname);
    return { url, hostname, addresses: await this.vetNormalisedHost(hostname) };
  }

  /** The addresses to connect to for this host, once every one of them is allowed. */
  async vetHost(hostname: string): Promise<string[]> {
    return this.vetNormalisedHost(requireHost(hostname));
  }

  /** Whether WEBHOOK_ALLOWLIST names this host: the operator trusts it as a target. */
  /** Whether WEBHOOK_ALLOWLIST names this host: by name, or an IP literal by address or range. */
  isHostAllowlisted(hostname: string): boolean {
    const host = normaliseHost(hostname);
    if (host === undefined) return false;
    return parseIpAddress(host) === undefined ? this.allowlist.coversHost(host) : this.allowlist.coversAddress(host);
  }

  isAddressAllowed(address: string): boolean {
    return this.allowlist.coversAddress(address) || isPublicAddress(address);
  }

  private async vetNormalisedHost(host: string): Promise<string[]> {
    if (parseIpAddress(host) !== undefined) return [this.vetLiteral(host)];
    if (this.allowlist.coversHost(host)) return this.resolve(host);
    if (isInternalName(host)) throw refusal(`Webhook host '${host}' is an internal name.`);
    return this.vetResolved(await this.resolve(host));
  }

  private vetLiteral(address: string): string {
    if (!this.isAddressAllowed(address)) {
      throw refusal(`Webhook host is a private or reserved address (${address}).`);
    }
    return address;
  }

  /**
   * One blocked address refuses the name: the client could connect to any of them. The message
   * names the rule, not the address: what an internal name resolves to is not the caller's to learn.
   */
  private vetResolved(addresses: string[]): string[] {
    if (addresses.some((address) => !this.isAddressAllowed(address))) {
      throw refusal('Webhook host resolves to a private or reserved address.');
    }
    return addresses;
  }

  /** Any resolver failure (ENOTFOUND, EAI_AGAIN, a timeout) refuses: fail closed. */
  private async resolve(host: string): Promise<string[]> {
    let addresses: string[] = [];
    try {
      addresses = await this.resolver.resolveAll(host);
    } catch {
      // Reported below as unresolvable, the same as an empty answer.
    }
    if (addresses.length === 0) throw refusal(`Webhook host '${host}' could not be resolved.`);
    return addresses;
  }
}

function parseHttpsUrl(rawUrl: string): URL {
  const url = tryParseUrl(rawUrl);
  if (url === undefined) throw refusal('Webhook URL is not a valid URL.');
  if (url.protocol !== 'https:') throw refusal('Webhook URL must use https.');
  if (url.username !== '' || url.password !== '') {
    throw refusal('Webhook URL must not contain credentials.');
  }
  return url;
}

function requireHost(text: string): string {
  const host = normaliseHost(text);
  if (host === undefined) throw refusal(`Webhook host '${text}' is not a valid host name.`);
  return host;
}

export function refusal(message: string): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, ErrorCode.WebhookUrlRejected, message);
}
