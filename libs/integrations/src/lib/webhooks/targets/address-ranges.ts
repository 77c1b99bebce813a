/** Which IP addresses a webhook may be sent to: public unicast only (ranges from ipaddr.js, not hand-written masks). */
import ipaddr from 'ipaddr.js';

/** Why an address is refused, in words, or null when it is a public unicast address. */
export function refusalOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? null : `${ip.toString()} is a ${RANGE_NAMES[range] ?? `${range} address`}`;
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT (shared) address',
  private: 'private network address',
  reserved: 'reserved address',
  uniqueLocal: 'unique-local (private) IPv6 address',
  rfc6145: 'IPv4-translated IPv6 address',
  rfc6052: 'NAT64 IPv6 address',
  '6to4': '6to4 IPv6 address',
  teredo: 'Teredo IPv6 address',
  benchmarking: 'benchmarking address',
  as112: 'AS112 address',
  as112v6: 'AS112 address',
  amt: 'AMT address',
  orchid2: 'ORCHIDv2 address',
  deprecated: 'deprecated address',
  discard: 'discard-only address',
};
