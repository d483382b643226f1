import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import type { WorkloadConfig } from '../schema';
import { acknowledgeMgnResourceType } from './acknowledge-mgn';
import { databasePorts, workloadTags } from './derived';

export interface MigratingWorkloadProps {
  readonly workload: WorkloadConfig;
  /** Only for tags and descriptions: never part of a construct ID, so moving waves replaces nothing. */
  readonly waveId: string;
  readonly waveName: string;
  /** The network account's VPC, imported by attributes (shared into this account through RAM). */
  readonly vpc: ec2.IVpc;
  /** Blocks of the on-premises ranges, by name (the declared VPN paths). */
  readonly onPremisesCidrs: ReadonlyMap<string, string>;
  /** Backup tier chosen from configuration for the workload's RPO; tagged on everything. @default - no backup-tier tag */
  readonly backupTier?: string;
}

/**
 * The landing place of one migrating workload in its workload account: an app-tier and (when it
 * has database servers, or databases that move with them) a db-tier security group with the rules
 * between them and from the council sites that use it, its tags, and its AWS Application Migration
 * Service application. Its RDS databases are CouncilDatabase children added by the workloads stack,
 * each with its own security group; they inherit these tags.
 */
export class MigratingWorkload extends Construct {
  readonly appTier: ec2.SecurityGroup;
  readonly dbTier?: ec2.SecurityGroup;
  readonly application: mgn.CfnApplication;
  readonly workload: WorkloadConfig;

  constructor(scope: Construct, id: string, props: MigratingWorkloadProps) {
    super(scope, id);
    const { workload } = props;
    if (workload.strategy === 'retire' || workload.strategy === 'retain') {
      throw new Error(`workload ${workload.id} (${workload.strategy}) has nothing to build in AWS`);
    }
    this.workload = workload;

    this.appTier = new ec2.SecurityGroup(this, 'AppTier', {
      vpc: props.vpc,
      description: `${workload.id} app tier`,
      allowAllOutbound: false,
    });
    for (const access of workload.access) {
      for (const site of access.from) {
        const block = props.onPremisesCidrs.get(site);
        if (block === undefined) {
          throw new Error(
            `workload ${workload.id}: unknown on-premises range ${site} (validate the plan first)`,
          );
        }
        this.appTier.addIngressRule(ec2.Peer.ipv4(block), ec2.Port.tcp(access.port), `${site} users`);
      }
    }

    const dbPorts = databasePorts(workload);
    const hasDbServers = workload.servers.some((s) => s.tier === 'db');
    if (dbPorts.length > 0 || hasDbServers) {
      this.dbTier = new ec2.SecurityGroup(this, 'DbTier', {
        vpc: props.vpc,
        description: `${workload.id} database tier`,
        allowAllOutbound: false,
      });
      for (const port of dbPorts) {
        this.dbTier.connections.allowFrom(
          this.appTier,
          ec2.Port.tcp(port),
          `${workload.id} app tier to its databases`,
        );
      }
    }

    this.application = new mgn.CfnApplication(this, 'MgnApplication', {
      name: workload.id,
      description: `${workload.name} (${props.waveId}: ${props.waveName})`.slice(0, 600),
    });
    acknowledgeMgnResourceType(this.application);

    for (const [key, value] of Object.entries(workloadTags(workload, props.waveId, props.backupTier))) {
      Tags.of(this).add(key, value);
    }
  }

  /** Outbound rules from the app tier towards a dependency in the same stack (and its inbound rule). */
  allowToWorkload(dependency: MigratingWorkload, ports: readonly number[]): void {
    for (const port of ports) {
      dependency.appTier.connections.allowFrom(
        this.appTier,
        ec2.Port.tcp(port),
        `${this.workload.id} depends on it`,
      );
    }
  }

  /** Outbound rules from the app tier towards a dependency reached by address (another VPC, another stack, or on premises). */
  allowToCidr(cidr: string, ports: readonly number[], description: string): void {
    for (const port of ports) {
      this.appTier.addEgressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(port), description);
    }
  }

  /** Outbound HTTPS towards a supplier-hosted (repurchased) dependency, through central egress. */
  allowToInternet(ports: readonly number[], description: string): void {
    for (const port of ports) {
      this.appTier.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), description);
    }
  }
}
