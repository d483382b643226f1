import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { cdkJsonContext } from '../../lib/cdk-json';
import { createLandingZoneApp } from '../../stacks/landing-zone-app';
import { exampleConfig } from '../helpers/landing-zone';
import { examplePlan } from '../helpers/waves';

/**
 * The one test that synthesises with everything on, as CI and engineers do: cdk-nag AwsSolutions
 * and NIST 800-53 rev 5, and the built-in CloudFormation validation with its findings as errors.
 */
describe('full synth with every check as an error', () => {
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

  // cdk.json's flags, which include @aws-cdk/core:validateAgainstDefaultRules: true.
  const context = cdkJsonContext();

  it('passes on the example council and its migration plan, and every acknowledgement carries a reason', () => {
    const { app } = createLandingZoneApp(exampleConfig(), { outdir, context }, examplePlan());
    app.synth();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        violations: unknown[];
        suppressedViolations?: { reason: string; acknowledgedAt: string }[];
      }[];
    };
    for (const plugin of report.pluginReports) {
      expect({ plugin: plugin.pluginName, violations: plugin.violations }).toEqual({
        plugin: plugin.pluginName,
        violations: [],
      });
      for (const ack of plugin.suppressedViolations ?? []) {
        expect(ack.reason.length).toBeGreaterThan(40);
      }
    }
  });

  it('fails on an unacknowledged cdk-nag finding', () => {
    const { app, stacks } = createLandingZoneApp(exampleConfig(), { outdir, context });
    const vpc = stacks.vpcs['production']?.network.vpc;
    if (!vpc) {
      throw new Error('example has a production VPC');
    }
    const rdp = new ec2.SecurityGroup(stacks.vpcs['production'] ?? stacks.hub, 'OpenRdp', {
      vpc,
      description: 'test',
    });
    rdp.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
    expect(() => app.synth()).toThrow(/AwsSolutions-EC23|NIST\.800\.53\.R5-EC2RestrictedCommonPorts/);
  });

  it('fails on a CloudFormation schema error caught by the built-in validation', () => {
    const { app, stacks } = createLandingZoneApp(exampleConfig(), { outdir, context });
    const broken = new ec2.CfnSecurityGroup(stacks.hub, 'Broken', {
      groupDescription: 'broken',
      vpcId: 'vpc-123',
    });
    broken.addPropertyOverride('SecurityGroupIngress', [
      { IpProtocol: 'tcp', FromPort: 'not-a-port', CidrIp: '10.0.0.0/8' },
    ]);
    // Acknowledge what cdk-nag would say about it, so only the built-in validation is under test.
    for (const id of ['AwsSolutions-EC23', 'NIST.800.53.R5::NIST.800.53.R5-EC2RestrictedCommonPorts']) {
      Validations.of(broken).acknowledge({ id, reason: 'deliberately broken resource for this test only' });
    }
    expect(() => app.synth()).toThrow(/CloudFormation|FromPort|not-a-port/);
  });
});
