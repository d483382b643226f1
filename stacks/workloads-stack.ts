import { CfnParameter, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import { pascal } from '../lib/network/segmentation';
import { MigratingWorkload } from '../lib/waves/infrastructure/migrating-workload';
import type { WaveHeaderConfig, WorkloadConfig } from '../lib/waves/schema';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

export interface PlacedInWave {
  readonly workload: WorkloadConfig;
  readonly wave: WaveHeaderConfig;
}

export interface WorkloadsStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly account: AccountConfig;
  /** The migrating workloads of this account and service area. */
  readonly workloads: readonly PlacedInWave[];
  /** Every workload of the plan by id, to resolve dependencies outside this stack. */
  readonly allWorkloads: ReadonlyMap<string, PlacedInWave>;
}

/** Name of the CloudFormation parameter that carries a network-account VPC's id into a workload stack. */
export function vpcIdParameterName(vpcName: string): string {
  return `VpcId${pascal(vpcName)}`;
}

/**
 * The targets of one service area's migrating workloads in one workload account. The VPCs belong to
 * the network account and are shared through RAM, so they are imported by attributes: the VPC id
 * arrives as a CloudFormation parameter (filled by the pipeline from the network account's
 * `<prefix>-vpc-<name>` stack), the zones and block come from the configuration. No lookups: synth
 * stays offline. One stack per account and service area keeps each well under CloudFormation's
 * 500-resource limit at a thousand workloads, and a workload never changes stack when it changes wave.
 */
export class WorkloadsStack extends LandingZoneStack {
  readonly workloads: Readonly<Record<string, MigratingWorkload>>;

  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz } = props;
    const onPremisesCidrs = new Map(lz.config.network.onPremisesRanges.map((r) => [r.name, r.cidr]));
    const vpcConfigs = new Map(lz.config.network.vpcs.map((v) => [v.name, v]));

    const vpcs = new Map<string, ec2.IVpc>();
    const importVpc = (name: string): ec2.IVpc => {
      const existing = vpcs.get(name);
      if (existing) {
        return existing;
      }
      const config = vpcConfigs.get(name);
      if (!config) {
        throw new Error(`unknown VPC ${name} (validate the plan first)`);
      }
      const vpcId = new CfnParameter(this, vpcIdParameterName(name), {
        type: 'AWS::EC2::VPC::Id',
        description: `Id of the ${name} VPC, owned by the network account (stack ${lz.prefix}-vpc-${name}) and shared with this account`,
      });
      const vpc = ec2.Vpc.fromVpcAttributes(this, `${pascal(name)}Vpc`, {
        vpcId: vpcId.valueAsString,
        vpcCidrBlock: config.cidr,
        availabilityZones: [...lz.zonesOf(config)],
      });
      vpcs.set(name, vpc);
      return vpc;
    };

    const built: Record<string, MigratingWorkload> = {};
    for (const { workload, wave } of props.workloads) {
      if (!workload.target) {
        throw new Error(`workload ${workload.id} has no target (validate the plan first)`);
      }
      built[workload.id] = new MigratingWorkload(this, pascal(workload.id), {
        workload,
        waveId: wave.id,
        waveName: wave.name,
        vpc: importVpc(workload.target.vpc),
        onPremisesCidrs,
      });
    }

    for (const { workload } of props.workloads) {
      const self = built[workload.id];
      if (!self) {
        continue;
      }
      for (const d of workload.dependencies) {
        const dep = props.allWorkloads.get(d.workload)?.workload;
        if (!dep || dep.strategy === 'retire') {
          continue;
        }
        const local = built[dep.id];
        if (dep.strategy === 'repurchase') {
          self.allowToInternet(d.ports, `to ${dep.id} (supplier-hosted)`);
        } else if (local) {
          self.allowToWorkload(local, d.ports);
        } else if (dep.target) {
          const cidr = vpcConfigs.get(dep.target.vpc)?.cidr;
          if (cidr) {
            self.allowToCidr(cidr, d.ports, `to ${dep.id} in the ${dep.target.vpc} VPC`);
          }
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
  }
}
