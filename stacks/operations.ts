import type { Stage } from 'aws-cdk-lib';
import type { LandingZoneConfig } from '../lib/config/schema';
import { pascal } from '../lib/names';
import { OperationsStack } from './operations-stack';

/** The accounts `lz ops` reads: VPNs (network), databases (workload accounts) and vaults (backup). */
const READ_ACCOUNT_ROLES = new Set(['network', 'production', 'non-production', 'backup']);
const DRILL_ACCOUNT_ROLES = new Set(['production', 'non-production']);

/** One operations-role stack per account the commands read, in the home region (IAM is global). */
export function buildOperations(app: Stage, config: LandingZoneConfig): OperationsStack[] {
  const operations = config.operations;
  if (operations === undefined) return [];
  const prefix = config.organisation.shortName;
  return config.accounts
    .filter((a) => READ_ACCOUNT_ROLES.has(a.role))
    .map(
      (account) =>
        new OperationsStack(app, `${pascal(prefix)}Operations${pascal(account.name)}`, {
          operations,
          prefix,
          withDrillRole: DRILL_ACCOUNT_ROLES.has(account.role),
          availabilityZones: config.network.availabilityZones,
          env: { account: account.id, region: config.organisation.homeRegion },
          stackName: `${prefix}-operations-${account.name}`,
          description: `${config.organisation.name}: lz ops roles of the ${account.name} account`,
          terminationProtection: true,
        }),
    );
}
