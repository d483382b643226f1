import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { registerComplianceChecks } from '../../lib/compliance/register-checks';
import { tagAsLandingZone, testApp } from '../helpers/cdk-app';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';

/**
 * The synth with everything on, as CI and engineers run it: cdk-nag AwsSolutions and NIST 800-53
 * rev 5, the project's packs, the Control Tower controls and the built-in CloudFormation validation
 * with its findings as errors. The example's own synth is the run's shared assembly (jest's global
 * set-up runs exactly `lz synth`); the failing cases use a one-stack app, so each costs a second.
 */
describe('full synth with every check as an error', () => {
  it('passes on the example council and its migration plan, and every acknowledgement carries a reason', () => {
    const assembly = exampleAssembly();
    expect(assembly.provenance?.checks).toMatchObject({ builtinValidation: true, unacknowledged: 0 });
    expect(assembly.provenance?.checks.plugins).toEqual(
      expect.arrayContaining([
        'AwsSolutions',
        'NIST.800.53.R5',
        'Council',
        'DataProtection',
        'cdk-validator-cfnguard',
      ]),
    );
    for (const plugin of assembly.validationReport?.pluginReports ?? []) {
      expect({ plugin: plugin.pluginName, violations: plugin.violations }).toEqual({
        plugin: plugin.pluginName,
        violations: [],
      });
      for (const ack of plugin.suppressedViolations) {
        expect(ack.reason.length).toBeGreaterThan(40);
      }
    }
  });

  describe('on a one-stack app', () => {
    const previous = process.env['CDK_VALIDATION'];
    let outdir: string;
    beforeAll(() => {
      process.env['CDK_VALIDATION'] = 'true';
    });
    afterAll(() => {
      process.env['CDK_VALIDATION'] = previous;
    });
    beforeEach(() => {
      outdir = mkdtempSync(join(tmpdir(), 'lz-synth-'));
    });
    afterEach(() => {
      rmSync(outdir, { recursive: true, force: true });
    });

    function appWithChecks(): { app: ReturnType<typeof testApp>; stack: Stack } {
      const app = testApp({ outdir });
      const stack = new Stack(app, 'Probe', { env: { account: '555555555555', region: 'eu-west-2' } });
      tagAsLandingZone(stack);
      registerComplianceChecks(app, exampleConfig().organisation);
      return { app, stack };
    }

    it('fails on an unacknowledged cdk-nag finding', () => {
      const { app, stack } = appWithChecks();
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-123',
        availabilityZones: ['eu-west-2a'],
      });
      const rdp = new ec2.SecurityGroup(stack, 'OpenRdp', { vpc, description: 'test' });
      rdp.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
      expect(() => app.synth()).toThrow(/AwsSolutions-EC23|NIST\.800\.53\.R5-EC2RestrictedCommonPorts/);
    });

    it('fails on a CloudFormation schema error caught by the built-in validation', () => {
      const { app, stack } = appWithChecks();
      const broken = new ec2.CfnSecurityGroup(stack, 'Broken', {
        groupDescription: 'broken',
        vpcId: 'vpc-123',
      });
      broken.addPropertyOverride('SecurityGroupIngress', [
        { IpProtocol: 'tcp', FromPort: 'not-a-port', CidrIp: '10.0.0.0/8' },
      ]);
      // Acknowledge what the packs would say about it, so only the built-in validation is under test.
      for (const id of ['AwsSolutions-EC23', 'NIST.800.53.R5::NIST.800.53.R5-EC2RestrictedCommonPorts']) {
        Validations.of(broken).acknowledge({ id, reason: 'deliberately broken resource for this test only' });
      }
      expect(() => app.synth()).toThrow(
        /SecurityGroupIngress\.0\.FromPort: 'not-a-port' is not of type 'integer' \(CloudFormation Validate\)/,
      );
    });
  });
});
