import { contains, findOverlaps, makeCidr, overlaps, parseCidr, parseIpv4, cidr } from '../../lib/ipv4';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', 10 * 2 ** 24, 8],
    ['192.168.10.0/24', 192 * 2 ** 24 + 168 * 2 ** 16 + 10 * 256, 24],
    ['0.0.0.0/0', 0, 0],
    ['10.1.2.3/32', 10 * 2 ** 24 + 1 * 2 ** 16 + 2 * 256 + 3, 32],
  ])('parses %s', (text, network, prefix) => {
    const parsed = parseCidr(text);
    expect(parsed).toEqual({ ok: true, cidr: { text, network, prefix, size: 2 ** (32 - prefix) } });
  });

  it.each([
    ['10.0.0/8', /not an IPv4 CIDR block/],
    ['10.0.0.0', /not an IPv4 CIDR block/],
    ['256.0.0.0/8', /invalid IPv4 address/],
    ['10.0.0.0/33', /prefix length above 32/],
    ['10.0.0.1/24', /not canonical: host bits are set \(did you mean 10\.0\.0\.0\/24\?\)/],
    ['10.64.1.0/14', /did you mean 10\.64\.0\.0\/14/],
  ])('rejects %s', (text, message) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(message);
  });
});

describe('block relations', () => {
  it('detects overlap and containment', () => {
    expect(overlaps(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
    expect(contains(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(contains(cidr('10.0.255.0/24'), cidr('10.0.0.0/16'))).toBe(false);
    expect(makeCidr(cidr('10.64.0.0/24').network + 96, 28).text).toBe('10.64.0.96/28');
    expect(parseIpv4('10.64.0.1')).toBe(cidr('10.64.0.0/24').network + 1);
    expect(parseIpv4('10.64.0')).toBeUndefined();
  });

  it('finds the same overlapping pairs as comparing every pair', () => {
    // A deterministic pseudo-random set of blocks of mixed sizes.
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const blocks = Array.from({ length: 300 }, () => {
      const prefix = 16 + (next() % 9);
      const size = 2 ** (32 - prefix);
      return makeCidr(10 * 2 ** 24 + Math.floor((next() % 2 ** 20) / (size / 16)) * size, prefix);
    });
    const key = ([a, b]: [number, number]): string => `${Math.min(a, b)}-${Math.max(a, b)}`;
    const brute = new Set<string>();
    blocks.forEach((a, i) => {
      blocks.forEach((b, j) => {
        if (j > i && overlaps(a, b)) {
          brute.add(key([i, j]));
        }
      });
    });
    const fast = new Set(
      findOverlaps(
        blocks.map((b, i) => ({ b, i })),
        (x) => x.b,
      ).map(([x, y]) => key([x.i, y.i])),
    );
    expect(brute.size).toBeGreaterThan(0);
    expect(fast).toEqual(brute);
  });
});
