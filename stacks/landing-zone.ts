import { Aspects, Tags, type App, type Stack } from 'aws-cdk-lib';
import { AcknowledgeFrameworkFunctions } from '../lib/compliance/framework-functions';
import { KeyGrantsOnlyForAwsServices } from '../lib/compliance/key-grant-guardrail';
import type { LandingZoneConfig } from '../lib/config/schema';
import { pascal } from '../lib/network/segmentation';
import { ConnectivityStack } from './connectivity-stack';
import { HybridDnsStack } from './hybrid-dns-stack';
import { landingZoneContext } from './landing-zone-context';
import { NetworkHubStack } from './network-hub-stack';
import { VpcStack } from './vpc-stack';

export interface LandingZoneStacks {
  readonly hub: NetworkHubStack;
  readonly vpcs: Readonly<Record<string, VpcStack>>;
  /** Site-to-site VPNs; absent when the configuration has no connectivity section. */
  readonly connectivity?: ConnectivityStack;
  /** Hybrid DNS; absent when the configuration has no connectivity.dns. */
  readonly hybridDns?: HybridDnsStack;
  readonly all: readonly Stack[];
}

/**
 * Composes the landing zone from a validated configuration. Stack IDs come from configuration
 * names, so adding a VPC adds a stack and never renames another.
 */
export function buildLandingZone(app: App, config: LandingZoneConfig): LandingZoneStacks {
  const lz = landingZoneContext(config);
  const prefix = pascal(lz.prefix);
  const env = { account: lz.networkAccount.id, region: lz.region };

  const hub = new NetworkHubStack(app, `${prefix}NetworkHub`, {
    lz,
    env,
    stackName: `${lz.prefix}-network-hub`,
    description: `${config.organisation.name}: Transit Gateway hub, segment route tables and central egress`,
    terminationProtection: true,
  });

  const vpcs: Record<string, VpcStack> = {};
  for (const vpc of config.network.vpcs.filter((v) => v.name !== config.network.egress.vpc)) {
    vpcs[vpc.name] = new VpcStack(app, `${prefix}Vpc${pascal(vpc.name)}`, {
      lz,
      vpc,
      hub: hub.hub,
      env,
      stackName: `${lz.prefix}-vpc-${vpc.name}`,
      description: `${config.organisation.name}: ${vpc.name} VPC (${vpc.purpose}), shared with the ${vpc.account} account`,
      terminationProtection: true,
    });
  }

  const connectivity =
    config.connectivity === undefined
      ? undefined
      : new ConnectivityStack(app, `${prefix}Connectivity`, {
          lz,
          connectivity: config.connectivity,
          hub: hub.hub,
          env,
          stackName: `${lz.prefix}-connectivity`,
          description: `${config.organisation.name}: site-to-site VPNs from council sites to the Transit Gateway`,
          terminationProtection: true,
        });

  const dns = config.connectivity?.dns;
  const hybridDns =
    dns === undefined
      ? undefined
      : new HybridDnsStack(app, `${prefix}HybridDns`, {
          lz,
          dns,
          vpcs: {
            [config.network.egress.vpc]: hub.egress,
            ...Object.fromEntries(Object.entries(vpcs).map(([name, stack]) => [name, stack.network])),
          },
          env,
          stackName: `${lz.prefix}-hybrid-dns`,
          description: `${config.organisation.name}: Route 53 Resolver endpoints and forwarding rules to Active Directory`,
          terminationProtection: true,
        });

  Aspects.of(app).add(new KeyGrantsOnlyForAwsServices());
  Aspects.of(app).add(new AcknowledgeFrameworkFunctions());
  Tags.of(app).add('owner', config.organisation.owner);
  Tags.of(app).add('cost-centre', config.organisation.costCentre);
  Tags.of(app).add('managed-by', 'council-landing-zone');
  const optional = [connectivity, hybridDns].filter((stack) => stack !== undefined);
  return { hub, vpcs, connectivity, hybridDns, all: [hub, ...Object.values(vpcs), ...optional] };
}
