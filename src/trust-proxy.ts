import { isIP } from 'node:net';

/**
 * Which proxies' `X-Forwarded-For` names the client, in the forms Express's `trust proxy` setting
 * takes: true (any), false (none), a hop count, or addresses, CIDR ranges and the names
 * loopback, linklocal and uniquelocal.
 */
export type TrustProxy = boolean | number | string[];

const NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Whether a dotted IPv4 netmask is contiguous (255.255.0.0 is, 255.0.255.0 is not). */
function isNetmask(mask: string): boolean {
  return /^1*0*$/.test(
    mask
      .split('.')
      .map((o) => Number(o).toString(2).padStart(8, '0'))
      .join(''),
  );
}

/** An address, `address/prefix` or (IPv4) `address/netmask`, as proxy-addr accepts them. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', range, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4 && isNetmask(range);
}

/** TRUST_PROXY, checked once at start-up; the error is one line naming the entry at fault. */
export function parseTrustProxy(raw: string | undefined, fail: (message: string) => Error): TrustProxy {
  const value = raw?.trim() ?? '';
  // A proxy on this host (nginx, Caddy on loopback) is trusted; nothing else unless configured.
  if (value === '') return ['loopback'];
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw fail(`TRUST_PROXY hop count must be from 0 to 100, got "${raw}"`);
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (NAMES.includes(entry.toLowerCase()) || isAddressOrRange(entry)) continue;
    throw fail(`TRUST_PROXY: "${entry.slice(0, 60)}" is not an address, a CIDR range (e.g. 10.0.0.0/8), ${NAMES.join(', ')}, true, false or a hop count`);
  }
  return entries.map((e) => (NAMES.includes(e.toLowerCase()) ? e.toLowerCase() : e));
}
