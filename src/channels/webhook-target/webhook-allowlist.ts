import * as ipaddr from 'ipaddr.js';
import { IpAddress, IpRange, parseIpAddress, rangeContains } from './ip-address';
import { normaliseHost } from './webhook-host';

/**
 * DNS labels, plus underscores for container service names. Anything else, notably a
 * wildcard such as *.corp.example (not supported), is a mistake to report at start-up.
 */
const ALLOWLISTED_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/**
 * Targets the operator trusts despite the address block (WEBHOOK_ALLOWLIST). It exempts
 * only from the internal-name and address rules; HTTPS and no credentials still apply.
 */
export class WebhookAllowlist {
  constructor(
    private readonly hostnames: ReadonlySet<string>,
    private readonly ranges: readonly IpRange[],
  ) {}

  /** Exact names only: an entry covers neither its subdomains nor its parent domain. */
  coversHost(hostname: string): boolean {
    const host = normaliseHost(hostname);
    return host !== undefined && this.hostnames.has(host);
  }

  coversAddress(address: string): boolean {
    const parsed = parseIpAddress(address);
    return parsed !== undefined && this.ranges.some((range) => rangeContains(range, parsed));
  }
}

/**
 * Parses comma-separated host names, IP addresses and CIDR ranges, e.g.
 * `127.0.0.1,localhost,10.0.0.0/8,helpdesk.corp.example`. Throws naming the first bad entry.
 */
export function parseWebhookAllowlist(raw: string | undefined): WebhookAllowlist {
  const hostnames = new Set<string>();
  const ranges: IpRange[] = [];
  for (const entry of splitEntries(raw)) {
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') hostnames.add(parsed);
    else ranges.push(parsed);
  }
  return new WebhookAllowlist(hostnames, ranges);
}

function splitEntries(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Entries are normalised like URL hosts, so `LOCALHOST.` and `0x7f.1` mean what a URL would. */
function parseEntry(entry: string): string | IpRange {
  const [hostText, prefixLength, ...rest] = entry.split('/');
  const host = rest.length === 0 ? normaliseHost(hostText) : undefined;
  const address = host === undefined ? undefined : parseIpAddress(host);
  if (address !== undefined) return toRange(entry, address, prefixLength);
  if (host === undefined || prefixLength !== undefined || !ALLOWLISTED_NAME.test(host)) {
    throw malformedEntry(entry);
  }
  return host;
}

function toRange(entry: string, address: IpAddress, prefixLength: string | undefined): IpRange {
  const fullLength = address.kind() === 'ipv4' ? 32 : 128;
  try {
    return ipaddr.parseCIDR(`${address.toString()}/${prefixLength ?? fullLength}`);
  } catch {
    throw malformedEntry(entry);
  }
}

function malformedEntry(entry: string): Error {
  return new Error(
    `WEBHOOK_ALLOWLIST entry '${entry}' is not a host name, IP address or CIDR range.`,
  );
}
