import { Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { siteNetworks } from '../lib/config/vpn-coverage';
import type { CouncilDatabase } from '../lib/data/council-database';
import { councilKey } from '../lib/kms/council-key';
import { pascal, TAGS } from '../lib/names';
import { SharedVpcImports } from '../lib/network/shared-vpc-parameters';
import { DmsDatabaseTask, type DmsTaskEngine } from '../lib/waves/infrastructure/dms-database-task';
import { DmsReplication } from '../lib/waves/infrastructure/dms-replication';
import type { DmsGroup } from '../lib/waves/dms-plan';
import { serverFqdn } from '../lib/waves/resolve';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

export interface DatabaseMigrationStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  /** The databases DMS moves in one account, VPC and wave (lib/waves/dms-plan.ts). */
  readonly group: DmsGroup;
  /** The RDS targets, by `<workload>/<database>`, from the workloads stacks. */
  readonly targets: Readonly<Record<string, CouncilDatabase>>;
  /** The programme's DNS suffix, for source servers' FQDNs. */
  readonly domain: string;
}

const ENGINES: Readonly<Record<string, DmsTaskEngine>> = {
  sqlserver: 'sqlserver',
  postgres: 'postgres',
  mysql: 'mysql',
};

/**
 * The AWS DMS resources of one wave in one account and VPC, in a stack of their own so they come and
 * go with the wave: one replication instance sized for the wave's databases, and a task per
 * database (lib/waves/infrastructure). When every database of the group has cut over, the group
 * leaves the plan and the stack is deleted, taking the targets' DMS security-group rules with it.
 */
export class DatabaseMigrationStack extends LandingZoneStack {
  readonly replication: DmsReplication;
  readonly tasks: Readonly<Record<string, DmsDatabaseTask>>;
  readonly sharedVpcs: readonly string[];

  constructor(scope: Construct, id: string, props: DatabaseMigrationStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, group } = props;
    const vpcs = new SharedVpcImports(this, lz.sharedVpcs);
    const vpc = vpcs.import(group.vpc.name, group.subnetTier).isolated;
    const key = councilKey(this, 'Key', {
      description: `Encrypts the ${group.wave.id} DMS replication instance, endpoints and credentials in ${group.account.name}`,
    });
    const description = `${group.wave.id} databases in ${group.vpc.name}`;
    this.replication = new DmsReplication(this, 'Replication', {
      vpc,
      instanceClass: group.instanceClass,
      allocatedStorageGiB: group.allocatedStorageGiB,
      multiAz: group.production,
      encryptionKey: key,
      description,
    });
    const tasks: Record<string, DmsDatabaseTask> = {};
    for (const t of group.tasks) {
      const name = `${t.workload.id}/${t.database.db.name}`;
      const target = props.targets[name];
      const engine = ENGINES[t.engineName];
      const m = t.database.migration;
      const host = m.sourceFqdn ?? (m.sourceServer ? serverFqdn(m.sourceServer, props.domain) : undefined);
      if (!target || !engine || host === undefined) {
        throw new Error(
          `DMS task ${name}: no RDS target, DMS engine or source host (validate the plan first)`,
        );
      }
      const task = new DmsDatabaseTask(this, `${pascal(t.workload.id)}${pascal(t.database.db.name)}`, {
        replication: this.replication,
        engine,
        source: {
          host,
          port: m.sourcePort,
          databaseName: m.sourceDatabase,
          networks: Object.fromEntries(siteNetworks(t.site).map((n) => [`${t.site.name} ${n}`, n])),
        },
        target: {
          address: target.instance.dbInstanceEndpointAddress,
          port: target.facts.clientPort,
          databaseName: m.sourceDatabase,
          securityGroupId: target.securityGroup.securityGroupId,
        },
        description: name,
      });
      Tags.of(task).add(TAGS.workload, t.workload.id);
      tasks[name] = task;
    }
    this.tasks = tasks;
    this.sharedVpcs = vpcs.vpcNames;
    Tags.of(this).add(TAGS.wave, group.wave.id);
  }
}
