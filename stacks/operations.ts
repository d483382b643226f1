import type { Stage } from 'aws-cdk-lib';
import type { AccountRole, LandingZoneConfig } from '../lib/config/schema';
import { OPS_COMMANDS_BY_ACCOUNT_ROLE, type OpsCommandName } from '../lib/ops/iam-actions';
import { pascal } from '../lib/names';
import { OperationsStack } from './operations-stack';

const DRILL_ACCOUNT_ROLES = new Set(['production', 'non-production']);

/** The commands that read an account of this role (none: the account gets no operations role). */
function commandsOf(role: AccountRole): readonly OpsCommandName[] | undefined {
  return (OPS_COMMANDS_BY_ACCOUNT_ROLE as Partial<Record<AccountRole, readonly OpsCommandName[]>>)[role];
}

/** One operations-role stack per account the commands read, in the home region (IAM is global). */
export function buildOperations(app: Stage, config: LandingZoneConfig): OperationsStack[] {
  const operations = config.operations;
  if (operations === undefined) return [];
  const prefix = config.organisation.shortName;
  return config.accounts
    .flatMap((account) => {
      const commands = commandsOf(account.role);
      return commands === undefined ? [] : [{ account, commands }];
    })
    .map(
      ({ account, commands }) =>
        new OperationsStack(app, `${pascal(prefix)}Operations${pascal(account.name)}`, {
          operations,
          prefix,
          withDrillRole: DRILL_ACCOUNT_ROLES.has(account.role),
          commands,
          availabilityZones: config.network.availabilityZones,
          env: { account: account.id, region: config.organisation.homeRegion },
          stackName: `${prefix}-operations-${account.name}`,
          description: `${config.organisation.name}: lz ops roles of the ${account.name} account`,
          terminationProtection: true,
        }),
    );
}
