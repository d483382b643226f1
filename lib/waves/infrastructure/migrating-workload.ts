import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import { acknowledgeMgnResourceType } from './acknowledge-mgn';

/** Users at council sites who reach the app tier on one port. */
export interface WorkloadAccess {
  readonly port: number;
  /** The on-premises ranges they come from, by name (the declared VPN paths). */
  readonly from: readonly { readonly name: string; readonly cidr: string }[];
}

export interface MigratingWorkloadProps {
  /** The workload's id: the MGN application's name and the security groups' descriptions. */
  readonly workloadId: string;
  /** The MGN application's description (wave and name; never part of a construct ID, so moving waves replaces nothing). */
  readonly description: string;
  /** The network account's VPC, imported through its shared parameters. */
  readonly vpc: ec2.IVpc;
  /** Who reaches the app tier from council sites. @default - nobody */
  readonly access?: readonly WorkloadAccess[];
  /** Ports of databases that move with their servers: the db tier admits the app tier on them. @default - none */
  readonly databasePorts?: readonly number[];
  /** Whether the workload has database servers, which then land in a db tier. @default false */
  readonly hasDatabaseServers?: boolean;
  /** Tags of everything the workload builds, its RDS databases included. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
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
  readonly workloadId: string;

  constructor(scope: Construct, id: string, props: MigratingWorkloadProps) {
    super(scope, id);
    const workloadId = props.workloadId;
    this.workloadId = workloadId;

    this.appTier = new ec2.SecurityGroup(this, 'AppTier', {
      vpc: props.vpc,
      description: `${workloadId} app tier`,
      allowAllOutbound: false,
    });
    for (const access of props.access ?? []) {
      for (const site of access.from) {
        this.appTier.addIngressRule(
          ec2.Peer.ipv4(site.cidr),
          ec2.Port.tcp(access.port),
          `${site.name} users`,
        );
      }
    }

    const dbPorts = props.databasePorts ?? [];
    if (dbPorts.length > 0 || props.hasDatabaseServers === true) {
      this.dbTier = new ec2.SecurityGroup(this, 'DbTier', {
        vpc: props.vpc,
        description: `${workloadId} database tier`,
        allowAllOutbound: false,
      });
      for (const port of dbPorts) {
        this.dbTier.connections.allowFrom(
          this.appTier,
          ec2.Port.tcp(port),
          `${workloadId} app tier to its databases`,
        );
      }
    }

    this.application = new mgn.CfnApplication(this, 'MgnApplication', {
      name: workloadId,
      description: props.description.slice(0, 600),
    });
    acknowledgeMgnResourceType(this.application);

    for (const [key, value] of Object.entries(props.tags ?? {})) {
      Tags.of(this).add(key, value);
    }
  }

  /** Outbound rules from the app tier towards a dependency in the same stack (and its inbound rule). */
  allowToWorkload(dependency: MigratingWorkload, ports: readonly number[]): void {
    for (const port of ports) {
      dependency.appTier.connections.allowFrom(
        this.appTier,
        ec2.Port.tcp(port),
        `${this.workloadId} depends on it`,
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
