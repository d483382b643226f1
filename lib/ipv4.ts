import * as ipaddr from 'ipaddr.js';

/** An IPv4 CIDR block held as integers so that containment and overlap are cheap comparisons. */
export interface Cidr {
  readonly text: string;
  readonly network: number;
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; error: string };

function toInt(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * Parses "a.b.c.d/n" strictly: four decimal parts, a prefix from 0 to 32, and no host bits set
 * (AWS silently truncates a non-canonical block, which hides typos, so we refuse it).
 */
export function parseCidr(text: string): CidrParse {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  if (!match?.[1] || match[2] === undefined) {
    return { ok: false, error: `"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n)` };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(match[1])) {
    return { ok: false, error: `"${text}" has an invalid IPv4 address` };
  }
  const prefix = Number(match[2]);
  if (prefix > 32) {
    return { ok: false, error: `"${text}" has a prefix length above 32` };
  }
  const address = toInt(ipaddr.IPv4.parse(match[1]));
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  if (network !== address) {
    return {
      ok: false,
      error: `"${text}" is not canonical: host bits are set (did you mean ${intToIp(network)}/${prefix}?)`,
    };
  }
  return { ok: true, cidr: { text, network, prefix, size } };
}

/** Parses a CIDR that has already been validated; throws on bad input (a programming error). */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    throw new Error(parsed.error);
  }
  return parsed.cidr;
}

export function makeCidr(network: number, prefix: number): Cidr {
  return { text: `${intToIp(network)}/${prefix}`, network, prefix, size: 2 ** (32 - prefix) };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

export function containsAddress(outer: Cidr, address: number): boolean {
  return address >= outer.network && address < outer.network + outer.size;
}

export function parseIpv4(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return undefined;
  }
  return toInt(ipaddr.IPv4.parse(text));
}

/**
 * Finds every pair of overlapping blocks. Sorting by start address makes this O(n log n + k)
 * rather than comparing every pair, which matters for generated estates with hundreds of VPCs.
 */
export function findOverlaps<T>(items: readonly T[], blockOf: (item: T) => Cidr): [T, T][] {
  const sorted = [...items].sort((x, y) => blockOf(x).network - blockOf(y).network);
  const result: [T, T][] = [];
  const open: T[] = [];
  for (const item of sorted) {
    const block = blockOf(item);
    for (let i = open.length - 1; i >= 0; i--) {
      const other = open[i] as T;
      const otherBlock = blockOf(other);
      if (otherBlock.network + otherBlock.size <= block.network) {
        open.splice(i, 1);
      } else {
        result.push([other, item]);
      }
    }
    open.push(item);
  }
  return result;
}
