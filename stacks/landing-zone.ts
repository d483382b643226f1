import { Tags, type App, type Stack } from 'aws-cdk-lib';
import type { LandingZoneConfig } from '../lib/config/schema';
import { pascal } from '../lib/network/segmentation';
import type { WavePlan } from '../lib/waves/load';
import { landingZoneContext } from './landing-zone-context';
import { buildMigration, type MigrationStacks } from './migration';
import { NetworkHubStack } from './network-hub-stack';
import { VpcStack } from './vpc-stack';

export interface LandingZoneStacks {
  readonly hub: NetworkHubStack;
  readonly vpcs: Readonly<Record<string, VpcStack>>;
  /** Present when a validated migration plan was given. */
  readonly migration?: MigrationStacks;
  readonly all: readonly Stack[];
}

/**
 * Composes the landing zone from a validated configuration. Stack IDs come from configuration
 * names, so adding a VPC adds a stack and never renames another.
 */
export function buildLandingZone(app: App, config: LandingZoneConfig, plan?: WavePlan): LandingZoneStacks {
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

  const migration = plan ? buildMigration(app, lz, plan) : undefined;

  Tags.of(app).add('owner', config.organisation.owner);
  Tags.of(app).add('cost-centre', config.organisation.costCentre);
  Tags.of(app).add('managed-by', 'council-landing-zone');
  return { hub, vpcs, migration, all: [hub, ...Object.values(vpcs), ...(migration?.all ?? [])] };
}
