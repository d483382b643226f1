import { Tags, Validations } from 'aws-cdk-lib';
import { partitionOf } from '../config/partition';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { pascal } from '../names';

/*
 * How a workload account finds the VPC the network account shares with it, without any lookup at
 * synth time. The network account writes the VPC and subnet IDs into advanced-tier SSM parameters
 * and shares them through AWS RAM. CloudFormation cannot read a shared parameter through a
 * {{resolve:ssm:...}} dynamic reference, but it can through a template parameter of type
 * AWS::SSM::Parameter::Value<String> whose default is the parameter's full ARN. The ARN is built
 * from configuration (network account, region, names), so synth stays offline and deterministic,
 * and the value is resolved by CloudFormation at deploy time in the workload account.
 */

export interface SharedVpcParameterNames {
  readonly vpcId: string;
  subnetIds(tier: string): string[];
}

export function sharedVpcParameterNames(
  prefix: string,
  vpcName: string,
  zoneCount: number,
): SharedVpcParameterNames {
  const base = `/${prefix}/network/vpcs/${vpcName}`;
  return {
    vpcId: `${base}/vpc-id`,
    subnetIds: (tier) => Array.from({ length: zoneCount }, (_, i) => `${base}/subnets/${tier}/${i + 1}`),
  };
}

export interface SharedVpcParametersProps {
  readonly prefix: string;
  readonly vpcName: string;
  readonly vpc: ec2.Vpc;
  /** Subnet tiers (group names) whose IDs are published, e.g. app and data. */
  readonly tiers: readonly string[];
  readonly zoneCount: number;
  readonly shareWithAccount: string;
}

/** Publishes a VPC's IDs as SSM parameters shared with the workload account through RAM. */
export class SharedVpcParameters extends Construct {
  constructor(scope: Construct, id: string, props: SharedVpcParametersProps) {
    super(scope, id);
    const names = sharedVpcParameterNames(props.prefix, props.vpcName, props.zoneCount);
    const parameters: ssm.StringParameter[] = [
      new ssm.StringParameter(this, 'VpcId', {
        parameterName: names.vpcId,
        stringValue: props.vpc.vpcId,
        tier: ssm.ParameterTier.ADVANCED,
        description: `VPC ID of ${props.vpcName}, shared with its workload account`,
      }),
    ];
    for (const tier of props.tiers) {
      const subnets = props.vpc.selectSubnets({ subnetGroupName: tier }).subnetIds;
      names.subnetIds(tier).forEach((name, i) => {
        const subnetId = subnets[i];
        if (subnetId === undefined) {
          throw new Error(`VPC ${props.vpcName}: tier ${tier} has no subnet ${i + 1}`);
        }
        parameters.push(
          new ssm.StringParameter(this, `${pascal(tier)}Subnet${i + 1}`, {
            parameterName: name,
            stringValue: subnetId,
            tier: ssm.ParameterTier.ADVANCED,
            description: `Subnet ${i + 1} of tier ${tier} in ${props.vpcName}`,
          }),
        );
      });
    }
    const share = new ram.CfnResourceShare(this, 'Share', {
      name: `${props.prefix}-${props.vpcName}-parameters`,
      allowExternalPrincipals: false,
      principals: [props.shareWithAccount],
      resourceArns: parameters.map((p) => p.parameterArn),
    });
    Tags.of(share).add('Name', `${props.prefix}-${props.vpcName}-parameters`);
  }
}

export interface SharedVpcImport {
  readonly prefix: string;
  readonly vpcName: string;
  readonly tier: string;
  readonly availabilityZones: readonly string[];
  readonly networkAccount: string;
  /** The stack's region, as a literal (the parameters live in the same region). */
  readonly region: string;
}

/** The workload side: the shared VPC as an IVpc whose IDs CloudFormation resolves at deploy time. */
export function importSharedVpc(scope: Construct, id: string, props: SharedVpcImport): ec2.IVpc {
  const names = sharedVpcParameterNames(props.prefix, props.vpcName, props.availabilityZones.length);
  const arn = (name: string): string =>
    `arn:${partitionOf(props.region)}:ssm:${props.region}:${props.networkAccount}:parameter${name}`;
  const holder = new Construct(scope, id);
  const value = (paramId: string, name: string): string =>
    ssm.StringParameter.fromStringParameterArn(holder, paramId, arn(name)).stringValue;
  const vpc = ec2.Vpc.fromVpcAttributes(holder, 'Vpc', {
    vpcId: value('VpcId', names.vpcId),
    availabilityZones: [...props.availabilityZones],
    isolatedSubnetIds: names
      .subnetIds(props.tier)
      .map((name, i) => value(`${pascal(props.tier)}Subnet${i + 1}`, name)),
  });
  Validations.of(holder).acknowledge({
    id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
    reason:
      'Routing of the shared subnets belongs to the network account; workload stacks never read or change route tables.',
  });
  return vpc;
}
