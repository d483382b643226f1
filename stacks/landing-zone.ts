import { Aspects, Tags, type Stack, type Stage } from 'aws-cdk-lib';
import { AcknowledgeFrameworkFunctions } from '../lib/compliance/framework-functions';
import { KeyGrantsOnlyForAwsServices } from '../lib/compliance/key-grant-guardrail';
import type { LandingZoneConfig } from '../lib/config/schema';
import { breakGlassRoleName } from '../lib/config/schema-security-baseline';
import { KeyAdministration } from '../lib/kms/council-key';
import { bootstrapRoleArnPattern } from '../lib/delivery/bootstrap-roles';
import { landingZoneTags, pascal } from '../lib/names';
import { drRegionVaultRegion } from '../lib/delivery/environments';
import { ConnectivityStack } from './connectivity-stack';
import { DnsFirewallStack } from './dns-firewall-stack';
import { HybridDnsStack } from './hybrid-dns-stack';
import { KNOWN_AVAILABILITY_ZONES } from '../lib/config/regions';
import { BackupAccountStack } from './backup-account-stack';
import { DataProtectionStack } from './data-protection-stack';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { landingZoneContext } from './landing-zone-context';
import { buildMigration, type MigrationStacks } from './migration';
import { buildMonitoring, type MonitoringStacks } from './monitoring';
import { NetworkHubStack } from './network-hub-stack';
import { buildOperations } from './operations';
import {
  buildSecurityBaseline,
  subscribeToLogArchive,
  type SecurityBaselineStacks,
} from './security-baseline';
import type { OperationsStack } from './operations-stack';
import { VpcStack } from './vpc-stack';

export interface LandingZoneStacks {
  /** The security baseline; absent when the configuration has no securityBaseline section. */
  readonly securityBaseline?: SecurityBaselineStacks;
  readonly hub: NetworkHubStack;
  readonly vpcs: Readonly<Record<string, VpcStack>>;
  /** The DNS Firewall rule group; absent without network.egressInspection.dnsFirewall. */
  readonly dnsFirewall?: DnsFirewallStack;
  /** Site-to-site VPNs; absent when the configuration has no connectivity section. */
  readonly connectivity?: ConnectivityStack;
  /** Hybrid DNS; absent when the configuration has no connectivity.dns. */
  readonly hybridDns?: HybridDnsStack;
  readonly dataProtection: Readonly<Record<string, DataProtectionStack>>;
  readonly backup: readonly BackupAccountStack[];
  /** Present when a validated migration plan was given. */
  readonly migration?: MigrationStacks;
  /** The lz ops roles, one stack per account the commands read; none without `operations`. */
  readonly operations: readonly OperationsStack[];
  /** Alarms and dashboards derived from the plan; absent without `monitoring`. */
  readonly monitoring?: MonitoringStacks;
  readonly all: readonly Stack[];
}

/**
 * Composes the landing zone from a validated configuration. Stack IDs come from configuration
 * names, so adding a VPC adds a stack and never renames another. The scope is the App for
 * `cdk synth`, or a Stage when the CodePipeline stack deploys the landing zone.
 */
export function buildLandingZone(
  app: Stage,
  config: LandingZoneConfig,
  plan?: MigrationPlan,
): LandingZoneStacks {
  const lz = landingZoneContext(config);
  const prefix = pascal(lz.prefix);
  const env = { account: lz.networkAccount.id, region: lz.region };
  const securityBaseline = buildSecurityBaseline(app, config);

  const hub = new NetworkHubStack(app, `${prefix}NetworkHub`, {
    lz,
    env,
    stackName: `${lz.prefix}-network-hub`,
    description: `${config.organisation.name}: Transit Gateway hub, segment route tables and central egress`,
    terminationProtection: true,
  });

  const dnsFirewallConfig = config.network.egressInspection?.dnsFirewall;
  const dnsFirewall =
    dnsFirewallConfig === undefined
      ? undefined
      : new DnsFirewallStack(app, `${prefix}DnsFirewall`, {
          lz,
          dnsFirewall: dnsFirewallConfig,
          env,
          stackName: `${lz.prefix}-dns-firewall`,
          description: `${config.organisation.name}: Route 53 Resolver DNS Firewall rule group blocking the AWS managed threat lists`,
          terminationProtection: true,
        });

  const readers = parameterReaders(config, plan);
  const vpcs: Record<string, VpcStack> = {};
  for (const vpc of config.network.vpcs.filter((v) => v.name !== config.network.egress.vpc)) {
    vpcs[vpc.name] = new VpcStack(app, `${prefix}Vpc${pascal(vpc.name)}`, {
      lz,
      vpc,
      hub: hub.hub,
      otherParameterReaders: readers.get(vpc.name)?.filter((id) => id !== lz.accountByName(vpc.account).id),
      dnsFirewall,
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

  const { dataProtection, backup } = buildDataProtection(app, config, prefix, vpcs);
  const migration = plan ? buildMigration(app, lz, plan) : undefined;
  // Deployment order only: a migration stack reads the shared parameters of its VPCs.
  for (const stack of migration?.vpcReaders ?? []) {
    for (const vpcName of stack.sharedVpcs) {
      const vpcStack = vpcs[vpcName];
      if (vpcStack) {
        stack.addStackDependency(vpcStack, `reads the IDs of VPC ${vpcName} from its shared parameters`);
      }
    }
  }
  for (const [key, stack] of Object.entries(migration?.workloads ?? {})) {
    // Its databases are backed up from the start by the tier plans of their account's data-protection stack.
    const dpStack = dataProtection[key.split('/')[0] ?? key];
    if (dpStack && Object.keys(stack.databases).length > 0) {
      stack.addStackDependency(dpStack, 'its databases are backed up by the tier plans of that stack');
    }
  }
  const operations = buildOperations(app, config);
  const monitoring = buildMonitoring(app, config, plan, { hub, vpcs });

  Aspects.of(app).add(new KeyGrantsOnlyForAwsServices());
  Aspects.of(app).add(
    new KeyAdministration({
      breakGlassRoleName: breakGlassRoleName(config.securityBaseline),
      executionRoleArnPattern: (account, partition) =>
        bootstrapRoleArnPattern('cfn-exec', account, partition),
    }),
  );
  Aspects.of(app).add(new AcknowledgeFrameworkFunctions());
  // Shared infrastructure defaults. Workload constructs tag their own classification and wave
  // from the wave files at the same priority on a lower scope, which is applied later and wins.
  for (const [key, value] of Object.entries(landingZoneTags(config.organisation))) {
    Tags.of(app).add(key, value);
  }
  const optional = [connectivity, hybridDns].filter((stack) => stack !== undefined);
  const all = [
    hub,
    ...(dnsFirewall === undefined ? [] : [dnsFirewall]),
    ...Object.values(vpcs),
    ...optional,
    ...backup,
    ...Object.values(dataProtection),
    ...(migration?.all ?? []),
    ...operations,
    ...(monitoring?.all ?? []),
    ...(securityBaseline?.all ?? []),
  ];
  if (securityBaseline) {
    subscribeToLogArchive(securityBaseline, all);
  }
  return {
    securityBaseline,
    hub,
    vpcs,
    dnsFirewall,
    connectivity,
    hybridDns,
    dataProtection,
    backup,
    migration,
    operations,
    monitoring,
    all,
  };
}

/**
 * The accounts (ids, sorted) whose stacks read each VPC's shared parameters: those with databases of
 * dataProtection.databases in it, and the target accounts of the workloads that land in it.
 */
function parameterReaders(config: LandingZoneConfig, plan?: MigrationPlan): Map<string, string[]> {
  const readers = new Map<string, Set<string>>();
  const add = (vpcName: string, accountId: string | undefined): void => {
    if (accountId !== undefined) {
      readers.set(vpcName, (readers.get(vpcName) ?? new Set<string>()).add(accountId));
    }
  };
  for (const db of config.dataProtection?.databases ?? []) {
    add(db.vpc, config.accounts.find((a) => a.name === db.account)?.id);
  }
  for (const w of plan?.workloads ?? []) {
    if (w.builds && w.vpc) {
      add(w.vpc.name, w.account?.id);
    }
  }
  return new Map([...readers].map(([vpc, ids]) => [vpc, [...ids].sort()]));
}

function buildDataProtection(
  app: Stage,
  config: LandingZoneConfig,
  prefix: string,
  vpcs: Readonly<Record<string, VpcStack>>,
): { dataProtection: Record<string, DataProtectionStack>; backup: BackupAccountStack[] } {
  const dp = config.dataProtection;
  const backupAccount = config.accounts.find((a) => a.role === 'backup');
  if (dp === undefined || backupAccount === undefined) {
    return { dataProtection: {}, backup: [] };
  }
  const lz = landingZoneContext(config);
  const org = config.organisation;
  const workloadAccounts = config.accounts.filter(
    (a) => a.role === 'production' || a.role === 'non-production',
  );
  const copySourceAccounts = workloadAccounts.map((a) => a.id);

  const backup: BackupAccountStack[] = [
    new BackupAccountStack(app, `${prefix}BackupCentral`, {
      lz,
      dataProtection: dp,
      copySourceAccounts,
      placement: 'home',
      availabilityZones: config.network.availabilityZones,
      env: { account: backupAccount.id, region: lz.region },
      stackName: `${lz.prefix}-backup-central`,
      description: `${org.name}: logically air-gapped vault for copies of every recovery point`,
      terminationProtection: true,
    }),
  ];
  const drVaultRegion = drRegionVaultRegion(config);
  if (drVaultRegion !== undefined) {
    backup.push(
      new BackupAccountStack(app, `${prefix}BackupDrRegion`, {
        lz,
        dataProtection: dp,
        copySourceAccounts,
        placement: 'dr',
        availabilityZones: KNOWN_AVAILABILITY_ZONES[drVaultRegion] ?? [],
        env: { account: backupAccount.id, region: drVaultRegion },
        stackName: `${lz.prefix}-backup-dr-region`,
        description: `${org.name}: locked vault in ${drVaultRegion} for disaster-recovery copies`,
        terminationProtection: true,
      }),
    );
  }

  const dataProtection: Record<string, DataProtectionStack> = {};
  for (const account of workloadAccounts) {
    dataProtection[account.name] = new DataProtectionStack(
      app,
      `${prefix}DataProtection${pascal(account.name)}`,
      {
        lz,
        dataProtection: dp,
        account,
        backupAccount,
        env: { account: account.id, region: lz.region },
        stackName: `${lz.prefix}-data-protection-${account.name}`,
        description: `${org.name}: databases, backup vault and plans of the ${account.name} account`,
        terminationProtection: true,
      },
    );
    // Deployment order only: the workload stack reads the VPC IDs these stacks publish, and its
    // copies need the backup account's vaults to exist.
    const stack = dataProtection[account.name];
    for (const vpc of config.network.vpcs.filter((v) => v.account === account.name)) {
      const vpcStack = vpcs[vpc.name];
      if (vpcStack) {
        stack?.addStackDependency(vpcStack, `reads the IDs of VPC ${vpc.name} from its shared parameters`);
      }
    }
    for (const vaultStack of backup) {
      stack?.addStackDependency(vaultStack, 'copies recovery points into the backup account vaults');
    }
  }
  return { dataProtection, backup };
}
