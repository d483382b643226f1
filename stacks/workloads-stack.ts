import type { StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { acknowledgeTagBasedBackup } from '../lib/backup/acknowledge-tag-selection';
import { onPremisesSources } from '../lib/config/on-premises-sources';
import type { AccountConfig } from '../lib/config/schema';
import { CouncilDatabase } from '../lib/data/council-database';
import type { PlannedRdsDatabase } from '../lib/data/planned-databases';
import { pascal } from '../lib/names';
import { SharedVpcImports } from '../lib/network/shared-vpc-parameters';
import { databasePorts, workloadTags } from '../lib/waves/infrastructure/derived';
import { MigratingWorkload } from '../lib/waves/infrastructure/migrating-workload';
import type { ResolvedWorkload } from '../lib/waves/migration-plan';
import type { LandingZoneContext } from './landing-zone-context';
import { councilDatabaseProps } from './database-props';
import { LandingZoneStack } from './landing-zone-stack';

export interface WorkloadsStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly account: AccountConfig;
  /** The migrating workloads of this account and service area, resolved (dependencies included). */
  readonly workloads: readonly ResolvedWorkload[];
}

/**
 * The targets of one service area's migrating workloads in one workload account. The VPCs belong to
 * the network account and are shared through RAM; their IDs arrive through the network account's
 * RAM-shared SSM parameters (lib/network/shared-vpc-parameters.ts, as in the data-protection
 * stacks), so no parameter needs a value from the pipeline and synth makes no lookups. One stack per
 * account and service area keeps each well under CloudFormation's 500-resource limit at a thousand
 * workloads, and a workload never changes stack when it changes wave.
 *
 * Each workload's databases with target rds are CouncilDatabase children of the workload, so their
 * construct IDs come from workload id and database name only. They sit in the VPC's isolated tier
 * and are backed up by the account's tier plans through their backup-tier tag.
 */
export class WorkloadsStack extends LandingZoneStack {
  readonly workloads: Readonly<Record<string, MigratingWorkload>>;
  /** RDS databases by `<workload>/<database>`. */
  readonly databases: Readonly<Record<string, CouncilDatabase>>;
  /** VPCs whose shared parameters this stack reads (deployment order). */
  readonly sharedVpcs: readonly string[];

  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz } = props;
    // Ranges and their named networks (`<range>/<network>`), which narrow a rule to part of a range.
    const onPremisesCidrs = new Map(
      onPremisesSources(lz.config.network.onPremisesRanges).map((s) => [s.name, s.cidr]),
    );
    const onPremisesCidr = (name: string): string => {
      const cidr = onPremisesCidrs.get(name);
      if (cidr === undefined) {
        throw new Error(`unknown on-premises range ${name} (validate the plan first)`);
      }
      return cidr;
    };
    // Security groups and databases of one VPC share its import (and so its VPC id parameter).
    const vpcs = new SharedVpcImports(this, lz.sharedVpcs);

    const built: Record<string, MigratingWorkload> = {};
    for (const resolved of props.workloads) {
      const { workload, wave } = resolved;
      if (!workload.target) {
        throw new Error(`workload ${workload.id} has no target (validate the plan first)`);
      }
      built[workload.id] = new MigratingWorkload(this, pascal(workload.id), {
        workloadId: workload.id,
        description: `${workload.name} (${wave.id}: ${wave.name})`,
        vpc: vpcs.import(workload.target.vpc, resolved.isolatedTier).vpc,
        access: workload.access.map((a) => ({
          port: a.port,
          from: a.from.map((name) => ({ name, cidr: onPremisesCidr(name) })),
        })),
        databasePorts: databasePorts(workload),
        hasDatabaseServers: workload.servers.some((s) => s.tier === 'db'),
        tags: workloadTags(workload, wave.id, resolved.backupTier?.name),
      });
    }

    for (const { workload, dependencies } of props.workloads) {
      const self = built[workload.id];
      if (!self) {
        continue;
      }
      for (const { config: d, workload: resolvedDep } of dependencies) {
        const dep = resolvedDep.workload;
        if (dep.strategy === 'retire') {
          continue;
        }
        const local = built[dep.id];
        if (dep.strategy === 'repurchase') {
          self.allowToInternet(d.ports, `to ${dep.id} (supplier-hosted)`);
        } else if (local) {
          self.allowToWorkload(local, d.ports);
        } else if (resolvedDep.vpc) {
          self.allowToCidr(resolvedDep.vpc.cidr, d.ports, `to ${dep.id} in the ${resolvedDep.vpc.name} VPC`);
        }
        if (d.reachableVia) {
          const cidr = onPremisesCidrs.get(d.reachableVia);
          if (cidr) {
            self.allowToCidr(cidr, d.ports, `to ${dep.id} on premises over the ${d.reachableVia} VPN`);
          }
        }
      }
    }
    this.workloads = built;

    const databases: Record<string, CouncilDatabase> = {};
    for (const resolved of props.workloads) {
      const self = built[resolved.workload.id];
      if (!self) {
        continue;
      }
      for (const planned of resolved.databases) {
        const vpc = vpcs.import(planned.vpc, planned.subnetTier).isolated;
        databases[`${resolved.workload.id}/${planned.name}`] = this.database(
          self,
          resolved,
          planned,
          vpc,
          props,
          built,
        );
      }
    }
    this.databases = databases;
    this.sharedVpcs = vpcs.vpcNames;
  }

  /**
   * One RDS database of a workload. Its security group admits the workload's own app tier and the
   * app tiers of dependants in this stack that declare the engine's port on their dependency.
   */
  private database(
    owner: MigratingWorkload,
    resolved: ResolvedWorkload,
    planned: PlannedRdsDatabase,
    vpc: ec2.IVpc,
    props: WorkloadsStackProps,
    built: Readonly<Record<string, MigratingWorkload>>,
  ): CouncilDatabase {
    const { lz } = props;
    const tier = resolved.backupTier;
    const backupAccount = lz.config.accounts.find((a) => a.role === 'backup');
    if (!tier || !backupAccount) {
      throw new Error(
        `database ${planned.identifier}: no tier ${planned.tier} or backup account (validate first)`,
      );
    }
    const database = new CouncilDatabase(
      owner,
      `${pascal(planned.name)}Database`,
      councilDatabaseProps(planned, {
        namePrefix: lz.prefix,
        vpc,
        tier,
        backupAccountId: backupAccount.id,
        auditArchive: lz.databaseAuditArchive,
      }),
    );
    const port = ec2.Port.tcp(database.facts.clientPort);
    database.securityGroup.connections.allowFrom(owner.appTier, port, `${planned.workload} app tier`);
    for (const { workload: dependant } of props.workloads) {
      const client = built[dependant.id];
      const declares = dependant.dependencies.some(
        (d) => d.workload === planned.workload && d.ports.includes(database.facts.clientPort),
      );
      if (client && client !== owner && declares) {
        database.securityGroup.connections.allowFrom(
          client.appTier,
          port,
          `${dependant.id} app tier (declared dependency on ${planned.workload})`,
        );
      }
    }
    acknowledgeTagBasedBackup(database.instance, lz.prefix, tier.name);
    return database;
  }
}
