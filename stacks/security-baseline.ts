import * as logs from 'aws-cdk-lib/aws-logs';
import { Stack, type Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AccountConfig, LandingZoneConfig } from '../lib/config/schema';
import { KNOWN_AVAILABILITY_ZONES } from '../lib/config/regions';
import { pascal } from '../lib/names';
import { securityBaselineModel, type SecurityBaselineModel } from '../lib/security-baseline/model';
import { AccountBaselineStack } from './account-baseline-stack';
import { LogArchiveStack } from './log-archive-stack';
import { OrganisationManagementStack } from './organisation-management-stack';
import { SecurityOrganisationStack } from './security-organisation-stack';
import { SecurityToolingStack } from './security-tooling-stack';

export interface SecurityBaselineStacks {
  readonly model: SecurityBaselineModel;
  readonly logArchive: LogArchiveStack;
  readonly management: OrganisationManagementStack;
  /** The security account's tooling, by region. */
  readonly tooling: readonly SecurityToolingStack[];
  /** Organisation-wide detection from the security account, by region. */
  readonly organisation: readonly SecurityOrganisationStack[];
  /** Every account's baseline, in each region the landing zone uses. */
  readonly accounts: readonly AccountBaselineStack[];
  readonly all: readonly Stack[];
}

/** `Dr Region` stacks carry this suffix, as the backup account's DR-region vault stack does. */
function regionSuffix(model: SecurityBaselineModel, region: string): string {
  return region === model.homeRegion ? '' : 'DrRegion';
}

function stackNameSuffix(model: SecurityBaselineModel, region: string): string {
  return region === model.homeRegion ? '' : '-dr-region';
}

/**
 * The security baseline (docs/security-baseline.md), built before everything else: the log
 * archive, the security account's tooling, the management account's trail, guardrails and
 * delegated administrators, every account's baseline, and the organisation-wide detection. The
 * deployment order is explicit in stack dependencies, which the stage plan checks.
 */
export function buildSecurityBaseline(
  app: Stage,
  config: LandingZoneConfig,
): SecurityBaselineStacks | undefined {
  const model = securityBaselineModel(config);
  if (model === undefined) {
    return undefined;
  }
  const prefix = pascal(model.prefix);
  const name = config.organisation.name;
  const zones = (region: string): readonly string[] =>
    region === model.homeRegion ? config.network.availabilityZones : (KNOWN_AVAILABILITY_ZONES[region] ?? []);
  const common = (account: AccountConfig, region: string) => ({
    model,
    env: { account: account.id, region },
    availabilityZones: zones(region),
    terminationProtection: true,
  });

  const logArchive = new LogArchiveStack(app, `${prefix}LogArchive`, {
    ...common(model.logArchive, model.homeRegion),
    stackName: `${model.prefix}-log-archive`,
    description: `${name}: Object Lock log archive, Config history and the CloudWatch Logs destination`,
  });

  const tooling = model.regions.map((region) => {
    const stack = new SecurityToolingStack(app, `${prefix}SecurityTooling${regionSuffix(model, region)}`, {
      ...common(model.security, region),
      stackName: `${model.prefix}-security-tooling${stackNameSuffix(model, region)}`,
      description: `${name}: GuardDuty and Security Hub in the security account (${region}), security alarms`,
    });
    return stack;
  });

  const management = new OrganisationManagementStack(app, `${prefix}OrganisationManagement`, {
    ...common(model.management, model.homeRegion),
    stackName: `${model.prefix}-organisation-management`,
    description: `${name}: organisation trail, service control and tag policies, delegated administrators`,
    backupTiers: config.dataProtection?.tiers.map((t) => t.name) ?? [],
  });
  management.addStackDependency(
    logArchive,
    'the organisation trail writes to the archive bucket with its key',
  );
  for (const stack of tooling) {
    management.addStackDependency(
      stack,
      'GuardDuty and Security Hub are on in the security account before it is made their administrator',
    );
  }

  const accounts = config.accounts.flatMap((account) =>
    model.regions.map((region) => {
      const stack = new AccountBaselineStack(
        app,
        `${prefix}AccountBaseline${pascal(account.name)}${regionSuffix(model, region)}`,
        {
          ...common(account, region),
          account,
          stackName: `${model.prefix}-account-baseline-${account.name}${stackNameSuffix(model, region)}`,
          description: `${name}: Config, account defaults and security event forwarding of the ${account.name} account (${region})`,
        },
      );
      // Not on the alarm bus: a rule may target a bus in another account before it exists, and
      // the log-archive account deploys before the security account.
      stack.addStackDependency(logArchive, 'AWS Config delivers to the log archive');
      return stack;
    }),
  );
  const homeBaseline = (account: AccountConfig) =>
    accounts.find((s) => s.account === account.id && s.region === model.homeRegion);
  for (const stack of accounts.filter((s) => s.region !== model.homeRegion)) {
    const home = config.accounts.find((a) => a.id === stack.account);
    const homeStack = home ? homeBaseline(home) : undefined;
    if (homeStack)
      stack.addStackDependency(homeStack, 'uses the account’s Config recorder and forwarder roles');
  }

  const organisation = model.regions.map((region) => {
    const toolingStack = tooling.find((t) => t.region === region);
    if (!toolingStack) throw new Error(`no security tooling stack in ${region}`);
    const stack = new SecurityOrganisationStack(
      app,
      `${prefix}SecurityOrganisation${regionSuffix(model, region)}`,
      {
        ...common(model.security, region),
        tooling: toolingStack,
        stackName: `${model.prefix}-security-organisation${stackNameSuffix(model, region)}`,
        description: `${name}: organisation-wide GuardDuty, Security Hub, Access Analyzer and Config aggregation (${region})`,
      },
    );
    stack.addStackDependency(
      management,
      'the management account has made the security account the delegated administrator',
    );
    return stack;
  });

  return {
    model,
    logArchive,
    management,
    tooling,
    organisation,
    accounts,
    all: [logArchive, ...tooling, management, ...accounts, ...organisation],
  };
}

/**
 * Subscribes every CloudWatch log group of the given stacks in the home region to the log
 * archive's destination (flow logs, Resolver query logs, VPN tunnel logs, database logs, and the
 * deploy-time functions' logs), keeping the local copy for operations. The log-archive account's
 * own log groups are left out, since they would feed themselves. Each subscribing stack deploys
 * after the log archive.
 */
export function subscribeToLogArchive(baseline: SecurityBaselineStacks, stacks: readonly Stack[]): void {
  const { model } = baseline;
  const destinationArn = `arn:aws:logs:${model.homeRegion}:${model.logArchive.id}:destination:${model.logDestinationName}`;
  for (const stack of stacks) {
    if (stack.account === model.logArchive.id || stack.region !== model.homeRegion) {
      continue;
    }
    const groups = stack.node
      .findAll()
      .filter((c): c is logs.CfnLogGroup => c instanceof logs.CfnLogGroup && Stack.of(c) === stack);
    for (const group of groups) {
      // An L2 log group's resource is its child 'Resource': the subscription sits beside it.
      const parent = group.node.scope instanceof Construct ? group.node.scope : stack;
      const id = group.node.id === 'Resource' ? 'ArchiveSubscription' : `${group.node.id}ArchiveSubscription`;
      new logs.CfnSubscriptionFilter(parent, id, {
        logGroupName: group.ref,
        destinationArn,
        filterPattern: '',
      });
    }
    if (groups.length > 0 && stack !== baseline.logArchive) {
      stack.addStackDependency(baseline.logArchive, 'subscribes its log groups to the log archive');
    }
  }
}
