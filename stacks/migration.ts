import type { Stack, Stage } from 'aws-cdk-lib';
import { pascal } from '../lib/names';
import type { MigrationPlan, ResolvedWorkload } from '../lib/waves/migration-plan';
import type { WaveHeaderConfig } from '../lib/waves/schema';
import type { LandingZoneContext } from './landing-zone-context';
import { MigrationWavesStack } from './migration-waves-stack';
import { WorkloadsStack } from './workloads-stack';

export interface MigrationStacks {
  /** By `<account>/<service area>`. */
  readonly workloads: Readonly<Record<string, WorkloadsStack>>;
  /** By account name. */
  readonly waves: Readonly<Record<string, MigrationWavesStack>>;
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
  return { workloads, waves, all: [...Object.values(waves), ...Object.values(workloads)] };
}
