import type { Stack, Stage } from 'aws-cdk-lib';
import { databaseMigrationStackName, migrationServicesStackName, pascal } from '../lib/names';
import type { MigrationPlan, ResolvedWorkload } from '../lib/waves/migration-plan';
import type { WaveHeaderConfig } from '../lib/waves/schema';
import { DatabaseMigrationStack } from './database-migration-stack';
import type { LandingZoneContext } from './landing-zone-context';
import { MigrationServicesStack, type LaunchVariant } from './migration-services-stack';
import { MigrationWavesStack } from './migration-waves-stack';
import { WorkloadsStack } from './workloads-stack';

export interface MigrationStacks {
  /** By `<account>/<service area>`. */
  readonly workloads: Readonly<Record<string, WorkloadsStack>>;
  /** By account name. */
  readonly waves: Readonly<Record<string, MigrationWavesStack>>;
  /** MGN templates and DMS service roles, by account name. */
  readonly services: Readonly<Record<string, MigrationServicesStack>>;
  /** DMS resources, by `<account>/<vpc>/<wave>`. */
  readonly databaseMigrations: Readonly<Record<string, DatabaseMigrationStack>>;
  /** Every stack that reads the network account's VPC parameters, with the VPCs it reads. */
  readonly vpcReaders: readonly (Stack & { readonly sharedVpcs: readonly string[] })[];
  readonly all: readonly Stack[];
}

/**
 * The targets of every migrating workload that lands in AWS (rehost, replatform, refactor,
 * relocate), grouped by workload account and service area, plus each account's MGN wave records.
 * Stack and construct IDs come from account, service-area and workload names, never from the wave.
 */
export function buildMigration(app: Stage, lz: LandingZoneContext, plan: MigrationPlan): MigrationStacks {
  const groups = new Map<string, { account: string; area: string; items: ResolvedWorkload[] }>();
  const wavesByAccount = new Map<string, Map<string, WaveHeaderConfig>>();
  for (const placed of plan.workloads) {
    const { workload, wave } = placed;
    if (!placed.builds || !workload.target) {
      continue;
    }
    const key = `${workload.target.account}/${workload.serviceArea}`;
    const group = groups.get(key) ?? {
      account: workload.target.account,
      area: workload.serviceArea,
      items: [],
    };
    group.items.push(placed);
    groups.set(key, group);
    const waves = wavesByAccount.get(workload.target.account) ?? new Map<string, WaveHeaderConfig>();
    waves.set(wave.id, wave);
    wavesByAccount.set(workload.target.account, waves);
  }

  const prefix = pascal(lz.prefix);
  const workloads: Record<string, WorkloadsStack> = {};
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key);
    if (!group) {
      continue;
    }
    const account = lz.accountByName(group.account);
    workloads[key] = new WorkloadsStack(
      app,
      `${prefix}Workloads${pascal(account.name)}${pascal(group.area)}`,
      {
        lz,
        account,
        workloads: group.items.sort((a, b) => a.workload.id.localeCompare(b.workload.id)),
        env: { account: account.id, region: lz.region },
        stackName: `${lz.prefix}-workloads-${account.name}-${group.area}`,
        description: `${lz.config.organisation.name}: migration targets of ${group.area} workloads in the ${account.name} account`,
        terminationProtection: true,
      },
    );
  }
  const waves: Record<string, MigrationWavesStack> = {};
  for (const name of [...wavesByAccount.keys()].sort()) {
    const account = lz.accountByName(name);
    const list = [...(wavesByAccount.get(name)?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    waves[name] = new MigrationWavesStack(app, `${prefix}MigrationWaves${pascal(name)}`, {
      lz,
      waves: list,
      env: { account: account.id, region: lz.region },
      stackName: `${lz.prefix}-migration-waves-${name}`,
      description: `${lz.config.organisation.name}: AWS Application Migration Service waves in the ${name} account`,
      terminationProtection: true,
    });
  }
  const { services, databaseMigrations } = buildMigrationServices(app, lz, plan, workloads);
  return {
    workloads,
    waves,
    services,
    databaseMigrations,
    vpcReaders: [
      ...Object.values(workloads),
      ...Object.values(services),
      ...Object.values(databaseMigrations),
    ],
    all: [
      ...Object.values(waves),
      ...Object.values(workloads),
      ...Object.values(services),
      ...Object.values(databaseMigrations),
    ],
  };
}

/**
 * Per receiving account, the MGN replication and launch templates and the DMS service roles; per
 * account, VPC and wave with databases that DMS moves, the DMS stack, which reads its RDS targets
 * from the workloads stacks.
 */
function buildMigrationServices(
  app: Stage,
  lz: LandingZoneContext,
  plan: MigrationPlan,
  workloads: Readonly<Record<string, WorkloadsStack>>,
): {
  services: Record<string, MigrationServicesStack>;
  databaseMigrations: Record<string, DatabaseMigrationStack>;
} {
  const prefix = pascal(lz.prefix);
  const variants = new Map<string, Map<string, LaunchVariant>>();
  for (const w of plan.workloads) {
    if (!w.account) {
      continue;
    }
    for (const server of w.replicatedServers) {
      const variant: LaunchVariant = {
        osByol: server.osLicence === 'byol',
        rightSizing: server.targetInstanceType === undefined ? 'BASIC' : 'NONE',
      };
      const forAccount = variants.get(w.account.name) ?? new Map<string, LaunchVariant>();
      forAccount.set(`${variant.osByol}/${variant.rightSizing}`, variant);
      variants.set(w.account.name, forAccount);
    }
  }
  const accounts = new Set([
    ...variants.keys(),
    ...plan.replication.map((g) => g.account),
    ...plan.databaseMigrations.map((g) => g.account.name),
  ]);
  const services: Record<string, MigrationServicesStack> = {};
  for (const name of [...accounts].sort()) {
    const account = lz.accountByName(name);
    services[name] = new MigrationServicesStack(app, `${prefix}MigrationServices${pascal(name)}`, {
      lz,
      account,
      replication: plan.replication.filter((g) => g.account === name),
      launchVariants: [...(variants.get(name)?.entries() ?? [])]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, v]) => v),
      dms: plan.databaseMigrations.some((g) => g.account.name === name),
      env: { account: account.id, region: lz.region },
      stackName: migrationServicesStackName(lz.prefix, name),
      description: `${lz.config.organisation.name}: AWS MGN replication and launch templates and AWS DMS service roles in the ${name} account`,
      terminationProtection: true,
    });
  }
  const targets = Object.fromEntries(
    Object.values(workloads).flatMap((stack) => Object.entries(stack.databases)),
  );
  const databaseMigrations: Record<string, DatabaseMigrationStack> = {};
  for (const group of plan.databaseMigrations) {
    const stack = new DatabaseMigrationStack(
      app,
      `${prefix}DatabaseMigration${pascal(group.wave.id)}${pascal(group.vpc.name)}`,
      {
        lz,
        group,
        targets,
        domain: plan.programme.programme.domain,
        env: { account: group.account.id, region: lz.region },
        stackName: databaseMigrationStackName(lz.prefix, group.wave.id, group.vpc.name),
        description: `${lz.config.organisation.name}: AWS DMS replication of the ${group.wave.id} databases in the ${group.vpc.name} VPC`,
      },
    );
    const roles = services[group.account.name];
    if (roles) {
      stack.addStackDependency(roles, 'DMS needs its service roles (dms-vpc-role) before a subnet group');
    }
    databaseMigrations[group.key] = stack;
  }
  return { services, databaseMigrations };
}
