/**
 * Client addresses as people read them. better-auth writes IPv6 addresses in full, every group four digits
 * ("0000:0000:0000:0000:0000:0000:0000:0001"); the account area shows the short form everyone knows ("::1").
 */

/**
 * An IPv6 address in its short form (RFC 5952: lower case, no leading zeros, the longest run of zero groups as
 * "::"), as browsers write one in a URL; anything else (IPv4, or not an address) as it is.
 */
export function shortIpAddress(address: string): string {
  if (!address.includes(":")) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}
