import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CouncilChecks } from '../../../lib/compliance/council-pack';
import { councilChecksProps } from '../../../lib/compliance/register-checks';
import { testApp } from '../../helpers/cdk-app';
import { exampleLandingZone, hardenedExampleConfig } from '../connectivity/example-landing-zone';
import { goodTunnel, vpnConnection } from './rules/vpn-fixtures';

describe('CouncilChecks', () => {
  it('finds nothing in the example landing zone with its sites hardened, after the tag aspects have run', () => {
    const { app, config } = exampleLandingZone(hardenedExampleConfig());
    app.synth();
    const report = new CouncilChecks(
      undefined,
      councilChecksProps(config.organisation, config.network),
    ).validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('finds in the example as configured only the key storage of its pending sites (acknowledged in code)', () => {
    const { app, config } = exampleLandingZone();
    app.synth();
    const report = new CouncilChecks(
      undefined,
      councilChecksProps(config.organisation, config.network),
    ).validateScope(app);
    // Their deployed DH groups are exempted inside Council-VPNTunnelStrongCrypto, so it finds nothing.
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual([
      'Council-VPNPreSharedKeyInSecretsManager',
    ]);
    for (const violation of report.violations) {
      expect(violation.violatingResources).toHaveLength(4);
    }
  });

  it('reports a weak, unlogged tunnel with a plaintext key under the Council rule IDs', () => {
    const { app } = vpnConnection([
      goodTunnel(),
      goodTunnel({ ikeVersions: [{ value: 'ikev1' }], logOptions: undefined, preSharedKey: 'plaintext_key' }),
    ]);
    app.synth(); // the tag aspects, so only the tunnel findings remain
    const report = new CouncilChecks().validateScope(app);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual([
      'Council-VPNPreSharedKeyDynamicReference',
      'Council-VPNPreSharedKeyInSecretsManager',
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
    for (const rule of ['VPNTunnelStrongCrypto', 'VPNTunnelLogging', 'VPNPreSharedKeyInSecretsManager']) {
      Validations.of(acknowledged.connection).acknowledge({
        id: `Council::Council-${rule}`,
        reason: 'test of the mechanism',
      });
    }
    expect(() => acknowledged.app.synth()).not.toThrow();
  });

  it('fails synth with a message naming the region for a resource in us-east-1', () => {
    const app = testApp();
    const stack = new Stack(app, 'Virginia', { env: { account: '555555555555', region: 'us-east-1' } });
    new ec2.CfnCustomerGateway(stack, 'Cgw', { type: 'ipsec.1', ipAddress: '81.2.69.160' });
    const props = councilChecksProps({
      name: 'Test Council',
      shortName: 'tc',
      homeRegion: 'eu-west-2',
      drRegion: 'eu-west-1',
      dataResidency: 'uk-and-eea',
      costCentre: 'ICT-0001',
      owner: 'ict',
    });
    expect(props.allowedRegions).toEqual(['eu-west-2', 'eu-west-1']);
    Validations.of(app).addPlugins(new CouncilChecks(app, props));
    expect(() => app.synth()).toThrow(/Council-ResourceInAllowedRegion\[Region::us-east-1\]/);
  });

  it('leaves a DR region out of the allowed regions when the data-residency rule does not cover it', () => {
    const props = councilChecksProps({
      name: 'Test Council',
      shortName: 'tc',
      homeRegion: 'eu-west-2',
      drRegion: 'eu-west-1',
      dataResidency: 'uk-only',
      costCentre: 'ICT-0001',
      owner: 'ict',
      minimumLogRetentionDays: 731,
    });
    expect(props).toEqual({
      allowedRegions: ['eu-west-2'],
      minimumLogRetentionDays: 731,
      // Without the network configuration, no VPC is expected to have egress inspection.
      dnsFirewallVpcs: [],
      networkFirewallVpcs: [],
    });
  });

  it('expects egress inspection on the VPCs the configuration names, by their Name tags', () => {
    const config = exampleLandingZone().config;
    expect(councilChecksProps(config.organisation, config.network)).toMatchObject({
      dnsFirewallVpcs: ['kvdc-production'],
      networkFirewallVpcs: ['kvdc-egress'],
    });
  });

  it('fails synth for a security group open to 0.0.0.0/0 on port 3389', () => {
    const app = testApp();
    const stack = new Stack(app, 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
    const group = new ec2.CfnSecurityGroup(stack, 'Rdp', {
      groupDescription: 'remote desktop',
      vpcId: 'vpc-0123456789abcdef0',
      securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIp: '0.0.0.0/0' }],
    });
    const report = new CouncilChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toContain('Council-SecurityGroupInternetIngress');
    expect(
      report.violations.find((v) => v.ruleName === 'Council-SecurityGroupInternetIngress')
        ?.violatingResources[0]?.constructPath,
    ).toBe(group.node.path);
  });
});
