import { Validations } from 'aws-cdk-lib';
import { CouncilChecks } from '../../../lib/compliance/council-pack';
import { exampleLandingZone } from '../connectivity/example-landing-zone';
import { goodTunnel, vpnConnection } from './rules/vpn-fixtures';

describe('CouncilChecks', () => {
  it('finds nothing in the example landing zone', () => {
    const { app } = exampleLandingZone();
    const report = new CouncilChecks().validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('reports a weak, unlogged tunnel with a plaintext key under the Council rule IDs', () => {
    const { app } = vpnConnection([
      goodTunnel(),
      goodTunnel({ ikeVersions: [{ value: 'ikev1' }], logOptions: undefined, preSharedKey: 'plaintext_key' }),
    ]);
    const report = new CouncilChecks().validateScope(app);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual([
      'Council-VPNPreSharedKeyDynamicReference',
      'Council-VPNTunnelLogging',
      'Council-VPNTunnelStrongCrypto',
    ]);
    expect(report.violations[0]?.violatingResources[0]?.constructPath).toBe('Test/Vpn');
  });

  it('fails synth when registered on the app, unless the finding is acknowledged on its construct', () => {
    const failing = vpnConnection([goodTunnel()]);
    Validations.of(failing.app).addPlugins(new CouncilChecks(failing.app));
    expect(() => failing.app.synth()).toThrow(/Council-VPNTunnelStrongCrypto/);

    const acknowledged = vpnConnection([goodTunnel()]);
    Validations.of(acknowledged.app).addPlugins(new CouncilChecks(acknowledged.app));
    for (const rule of ['VPNTunnelStrongCrypto', 'VPNTunnelLogging']) {
      Validations.of(acknowledged.connection).acknowledge({
        id: `Council::Council-${rule}`,
        reason: 'test of the mechanism',
      });
    }
    expect(() => acknowledged.app.synth()).not.toThrow();
  });
});
