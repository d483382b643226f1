import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { testApp } from '../../helpers/cdk-app';
import { synthesiseAtomically } from '../../../lib/assembly/synthesise';

/*
 * A small two-account cloud assembly for the review-pack tests, synthesised for real into a
 * directory: a VPC with two subnets attached to a Transit Gateway (one association, one propagation,
 * one blackhole), a site VPN whose attachment id comes from a lookup resource (as the landing zone's
 * does), and a workload account with an Elastic IP and, in the baseline variant, a log group.
 */

export interface Variant {
  /** The VPC's CIDR: changing it replaces the VPC. */
  readonly vpcCidr: string;
  /** The baseline has a log group (stateful) and a security group (stateless) the current one drops. */
  readonly baseline: boolean;
}

const tags = (name: string, extra: Record<string, string> = {}) =>
  Object.entries({ Name: name, ...extra }).map(([key, value]) => ({ key, value }));

/**
 * Synthesises the fixture as `lz synth` writes an assembly: all or nothing, with a provenance record
 * binding it to the example configuration and plan (which the review and cost commands read too).
 */
export async function synthReviewAssembly(outdir: string, variant: Variant): Promise<string> {
  await synthesiseAtomically({
    outdir,
    app: 'review-fixture',
    inputs: { config: 'config/landing-zone.yaml', waves: 'migration-waves' },
    synthesise: (dir) => {
      synthFixture(dir, variant);
      return { plugins: ['AwsSolutions'], builtinValidation: true };
    },
  });
  return outdir;
}

function synthFixture(outdir: string, variant: Variant): void {
  const app = testApp({ outdir });
  const net = new Stack(app, 'Net', {
    stackName: 'test-net',
    env: { account: '111111111111', region: 'eu-west-2' },
  });
  const vpc = new ec2.CfnVPC(net, 'Vpc', { cidrBlock: variant.vpcCidr, tags: tags('test-hub-vpc') });
  const subnets = ['a', 'b'].map(
    (zone, i) =>
      new ec2.CfnSubnet(net, `AppSubnet${zone.toUpperCase()}`, {
        vpcId: vpc.ref,
        cidrBlock: `10.9.${i}.0/24`,
        availabilityZone: `eu-west-2${zone}`,
        tags: tags(`app-${zone}`, { 'aws-cdk:subnet-name': 'app' }),
      }),
  );
  const tgw = new ec2.CfnTransitGateway(net, 'Tgw', { amazonSideAsn: 64512 });
  const production = new ec2.CfnTransitGatewayRouteTable(net, 'RtProduction', {
    transitGatewayId: tgw.ref,
    tags: tags('test-rt-production'),
  });
  const onPremises = new ec2.CfnTransitGatewayRouteTable(net, 'RtOnPremises', {
    transitGatewayId: tgw.ref,
    tags: tags('test-rt-on-premises'),
  });
  const attachment = new ec2.CfnTransitGatewayVpcAttachment(net, 'Attachment', {
    transitGatewayId: tgw.ref,
    vpcId: vpc.ref,
    subnetIds: subnets.map((s) => s.ref),
  });
  new ec2.CfnTransitGatewayRouteTableAssociation(net, 'Association', {
    transitGatewayAttachmentId: attachment.ref,
    transitGatewayRouteTableId: production.ref,
  });
  new ec2.CfnTransitGatewayRouteTablePropagation(net, 'Propagation', {
    transitGatewayAttachmentId: attachment.ref,
    transitGatewayRouteTableId: onPremises.ref,
  });
  new ec2.CfnTransitGatewayRoute(net, 'Blackhole', {
    transitGatewayRouteTableId: production.ref,
    destinationCidrBlock: '10.0.0.0/8',
    blackhole: true,
  });
  const cgw = new ec2.CfnCustomerGateway(net, 'DepotGateway', {
    bgpAsn: 65020,
    ipAddress: '198.51.100.20',
    type: 'ipsec.1',
  });
  const vpn = new ec2.CfnVPNConnection(net, 'DepotVpn', {
    customerGatewayId: cgw.ref,
    transitGatewayId: tgw.ref,
    type: 'ipsec.1',
    tags: tags('test-depot-vpn', { site: 'depot' }),
  });
  const lookup = new CfnResource(net, 'DepotAttachmentLookup', {
    type: 'Custom::VpnTransitGatewayAttachment',
    properties: {
      ServiceToken: 'arn:aws:lambda:eu-west-2:111111111111:function:lookup',
      Create: Fn.join('', ['{"vpn":"', vpn.ref, '"}']),
    },
  });
  new ec2.CfnTransitGatewayRouteTableAssociation(net, 'VpnAssociation', {
    transitGatewayAttachmentId: lookup
      .getAtt('TransitGatewayAttachments.0.TransitGatewayAttachmentId')
      .toString(),
    transitGatewayRouteTableId: onPremises.ref,
  });

  const work = new Stack(app, 'Work', {
    stackName: 'test-work',
    env: { account: '555555555555', region: 'eu-west-2' },
  });
  new ec2.CfnEIP(work, 'Address', {});
  if (variant.baseline) {
    new logs.CfnLogGroup(work, 'AppLogs', { retentionInDays: 365 });
    new ec2.CfnSecurityGroup(work, 'OldGroup', { groupDescription: 'retired', vpcId: 'vpc-123' });
  }
  app.synth();
  writeFileSync(join(outdir, 'validation-report.json'), JSON.stringify(VALIDATION_REPORT));
}

interface FixtureViolation {
  readonly ruleName: string;
  readonly description?: string;
  readonly acknowledgedId?: string;
  readonly reason?: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
}

/** One unacknowledged finding and two acknowledgements, in the shape the CDK writes. */
export const VALIDATION_REPORT: {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: readonly FixtureViolation[];
    readonly suppressedViolations: readonly FixtureViolation[];
  }[];
} = {
  pluginReports: [
    {
      pluginName: 'AwsSolutions',
      conclusion: 'failure',
      violations: [
        {
          ruleName: 'AwsSolutions-VPC7',
          description: 'The VPC does not have an associated Flow Log.',
          violatingConstructs: [{ constructPath: 'Net/Vpc' }],
        },
      ],
      suppressedViolations: [
        {
          ruleName: 'AwsSolutions-EC23',
          acknowledgedId: 'AwsSolutions-EC23',
          reason: 'The depot gateway is reached only over the VPN.',
          violatingConstructs: [{ constructPath: 'Net/DepotGateway' }],
        },
      ],
    },
    {
      pluginName: 'NIST.800.53.R5',
      conclusion: 'success',
      violations: [],
      suppressedViolations: [
        {
          ruleName: 'NIST.800.53.R5-EC2EIP',
          reason: 'The address is the published endpoint of the service.',
          violatingConstructs: [{ constructPath: 'Work/Address' }],
        },
      ],
    },
  ],
};

/** Every resource of an assembly by stack, read straight from the template files (not through lib/). */
export function resourcesByStack(dir: string): Record<string, Record<string, { Type: string }>> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const out: Record<string, Record<string, { Type: string }>> = {};
  for (const [id, a] of Object.entries(manifest.artifacts)) {
    if (a.type === 'aws:cloudformation:stack' && a.properties?.templateFile) {
      const template = JSON.parse(readFileSync(join(dir, a.properties.templateFile), 'utf8')) as {
        Resources: Record<string, { Type: string }>;
      };
      out[id] = template.Resources;
    }
  }
  return out;
}
