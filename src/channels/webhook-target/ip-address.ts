import * as ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type IpRange = [IpAddress, number];

/**
 * IANA allocates global unicast only from 2000::/3. ipaddr.js calls every IPv6 address
 * outside its named ranges "unicast", including the deprecated IPv4-compatible ::a.b.c.d
 * and the rest of the reserved ::/8, so IPv6 must also fall inside this prefix.
 */
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Parses an address as URL parsing or the resolver prints it (dotted decimal IPv4, or IPv6
 * without brackets); anything else is not an address. An IPv4-mapped IPv6 address comes back
 * as its IPv4 address, because that is exactly what a dual-stack socket connects to.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.IPv6.parse(text);
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/**
 * Whether the address is globally routable unicast. ipaddr.js classifies loopback, private,
 * link-local, CGNAT, multicast, broadcast, "this network", benchmarking, documentation, IETF
 * protocol assignments, 240/4, ULA, site-local and discard as other ranges. It also names
 * NAT64 (rfc6052), 6to4 and Teredo, which are refused outright rather than unwrapped: the
 * embedded IPv4 address is reached through a translator or relay we do not control, and a
 * genuine webhook receiver can publish its real address instead.
 */
export function isPublicAddress(text: string): boolean {
  const address = parseIpAddress(text);
  if (address === undefined || address.range() !== 'unicast') return false;
  return address.kind() === 'ipv4' || address.match(IPV6_GLOBAL_UNICAST);
}

export function rangeContains(range: IpRange, address: IpAddress): boolean {
  return address.kind() === range[0].kind() && address.match(range);
}
