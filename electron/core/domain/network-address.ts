// Which network addresses are this computer's or a local network's: pure rules, shared by LAN sharing and the bridges.

/** The address blocks a LAN can use and the internet does not route (RFC 1918, link-local, carrier-grade NAT). */
const PRIVATE_BLOCKS: ReadonlyArray<readonly [prefix: number, bits: number]> = [
  [ipv4Number('10.0.0.0'), 8],
  [ipv4Number('172.16.0.0'), 12],
  [ipv4Number('192.168.0.0'), 16],
  [ipv4Number('169.254.0.0'), 16],
  // Carrier-grade NAT, also what Tailscale-style private networks hand out.
  [ipv4Number('100.64.0.0'), 10],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** A dotted IPv4 address (an IPv4-mapped IPv6 one too), or null. */
function plainIPv4(address: string | undefined): string | null {
  const plain = (address ?? '').replace(/^::ffff:/i, '');
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(plain) && plain.split('.').every((p) => Number(p) <= 255) ? plain : null;
}

/** True for an address in a private block (a LAN's), false for a public one, loopback or anything not IPv4. */
export function isPrivateIPv4(address: string | undefined): boolean {
  const plain = plainIPv4(address);
  if (!plain) return false;
  const n = ipv4Number(plain);
  return PRIVATE_BLOCKS.some(([prefix, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(prefix / 2 ** (32 - bits)));
}

/** Who may come in through the LAN listener: a peer on a private network, or a program on this computer. */
export function isLanPeerAllowed(address: string | undefined): boolean {
  const plain = plainIPv4(address);
  return isPrivateIPv4(address) || (plain !== null && plain.startsWith('127.')) || address === '::1';
}
