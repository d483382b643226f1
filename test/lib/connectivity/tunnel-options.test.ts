import { STRONG_TUNNEL_CRYPTO, tunnelOptions } from '../../../lib/connectivity/tunnel-options';

const base = {
  preSharedKey: '{{resolve:secretsmanager:kvdc/vpn/site/device/tunnel-1}}',
  logGroupArn: 'arn:aws:logs:eu-west-2:111111111111:log-group:/kvdc/vpn/tunnels',
  bgpLogging: true,
};

describe('tunnelOptions', () => {
  test('every setting is explicit and strong by default', () => {
    const options = tunnelOptions(base);
    expect(options.ikeVersions).toEqual([{ value: 'ikev2' }]);
    expect(options.phase1DhGroupNumbers).toEqual(
      STRONG_TUNNEL_CRYPTO.phase1DhGroupNumbers.map((value) => ({ value })),
    );
    expect(options.phase1LifetimeSeconds).toBe(28800);
    expect(options.startupAction).toBe('start');
  });

  test('the crypto is a prop a caller can override (the strong-crypto rule then judges it)', () => {
    const options = tunnelOptions({
      ...base,
      crypto: { ...STRONG_TUNNEL_CRYPTO, phase1DhGroupNumbers: [19, 20], phase1LifetimeSeconds: 14400 },
    });
    expect(options.phase1DhGroupNumbers).toEqual([{ value: 19 }, { value: 20 }]);
    expect(options.phase1LifetimeSeconds).toBe(14400);
    expect(options.phase2DhGroupNumbers).toEqual(
      STRONG_TUNNEL_CRYPTO.phase2DhGroupNumbers.map((value) => ({ value })),
    );
  });
});
