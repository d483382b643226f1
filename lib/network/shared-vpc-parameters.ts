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
  /** Every account whose stacks read the parameters: the VPC's own, and any other that places resources in it. */
  readonly shareWithAccounts: readonly string[];
}

/** Publishes a VPC's IDs as SSM parameters shared through RAM with every account that reads them. */
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
      principals: [...new Set(props.shareWithAccounts)],
      resourceArns: parameters.map((p) => p.parameterArn),
    });
    Tags.of(share).add('Name', `${props.prefix}-${props.vpcName}-parameters`);
  }
}

export interface SharedVpcImportProps {
  readonly prefix: string;
  readonly vpcName: string;
  /**
   * The isolated subnet tier whose subnets this import offers (databases, restore tests); it also
   * names the import's construct ID, so keep it stable. @default - the VPC id only
   */
  readonly tier?: string;
  readonly availabilityZones: readonly string[];
  readonly networkAccount: string;
  /** The stack's region, as a literal (the parameters live in the same region). */
  readonly region: string;
}

/**
 * The workload side: one network-account VPC, imported through the RAM-shared parameters, so
 * CloudFormation resolves its IDs at deploy time. The VPC id parameter is declared at once; the
 * subnet parameters only when the subnets are used, so a stack never declares a parameter it does
 * not read.
 */
export class SharedVpcImport extends Construct {
  /** The VPC with its id only: enough for security groups. */
  readonly vpc: ec2.IVpc;
  private readonly props: SharedVpcImportProps;
  private readonly vpcId: string;
  private withSubnets?: ec2.IVpc;
  private readonly subnetIds = new Map<number, string>();

  constructor(scope: Construct, id: string, props: SharedVpcImportProps) {
    super(scope, id);
    this.props = props;
    this.vpcId = this.parameter('VpcId', this.names().vpcId);
    this.vpc = ec2.Vpc.fromVpcAttributes(this, 'VpcOnly', {
      vpcId: this.vpcId,
      availabilityZones: [...props.availabilityZones],
    });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
      reason:
        'Routing of the shared subnets belongs to the network account; workload stacks never read or change route tables.',
    });
  }

  /** The VPC with the subnets of its isolated tier (`tier`). */
  get isolated(): ec2.IVpc {
    const tier = this.isolatedTier();
    this.withSubnets ??= ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: this.vpcId,
      availabilityZones: [...this.props.availabilityZones],
      isolatedSubnetIds: this.names()
        .subnetIds(tier)
        .map((_, i) => this.isolatedSubnetId(i)),
    });
    return this.withSubnets;
  }

  /** One subnet of the isolated tier (0 is the first zone's), declaring only its own parameter. */
  isolatedSubnetId(index: number): string {
    const tier = this.isolatedTier();
    const name = this.names().subnetIds(tier)[index];
    if (name === undefined) {
      throw new Error(`VPC ${this.props.vpcName} has no subnet ${index + 1} in tier ${tier}`);
    }
    let id = this.subnetIds.get(index);
    if (id === undefined) {
      id = this.parameter(`${pascal(tier)}Subnet${index + 1}`, name);
      this.subnetIds.set(index, id);
    }
    return id;
  }

  private isolatedTier(): string {
    const tier = this.props.tier;
    if (tier === undefined) {
      throw new Error(`the import of VPC ${this.props.vpcName} names no isolated tier`);
    }
    return tier;
  }

  private names(): SharedVpcParameterNames {
    return sharedVpcParameterNames(
      this.props.prefix,
      this.props.vpcName,
      this.props.availabilityZones.length,
    );
  }

  private parameter(id: string, name: string): string {
    const { region, networkAccount } = this.props;
    const arn = `arn:${partitionOf(region)}:ssm:${region}:${networkAccount}:parameter${name}`;
    return ssm.StringParameter.fromStringParameterArn(this, id, arn).stringValue;
  }
}

/** The import of a stack's VPCs, one per VPC and tier, shared by everything in the stack. */
export interface SharedVpcImportsProps {
  readonly prefix: string;
  readonly networkAccount: string;
  readonly region: string;
  /** The availability zones of a VPC, by name. */
  zonesOf(vpcName: string): readonly string[];
}

/**
 * How a workload-account stack reaches the network account's VPCs: one SharedVpcImport per VPC and
 * isolated tier, created on first use with the construct ID `<Vpc><Tier>Network` (stable, so the
 * parameters' logical IDs never change), and the VPC names read, for deployment ordering.
 */
export class SharedVpcImports {
  private readonly imports = new Map<string, SharedVpcImport>();

  constructor(
    private readonly scope: Construct,
    private readonly props: SharedVpcImportsProps,
  ) {}

  /**
   * The VPC, imported with the subnets of one isolated tier available (or, without a tier, its id
   * only). Security groups and databases of the same VPC and tier share one import.
   */
  import(vpcName: string, tier?: string): SharedVpcImport {
    const key = `${vpcName}/${tier ?? ''}`;
    let found = this.imports.get(key);
    if (found === undefined) {
      found = new SharedVpcImport(
        this.scope,
        `${pascal(vpcName)}${tier === undefined ? '' : pascal(tier)}Network`,
        {
          prefix: this.props.prefix,
          vpcName,
          ...(tier === undefined ? {} : { tier }),
          availabilityZones: this.props.zonesOf(vpcName),
          networkAccount: this.props.networkAccount,
          region: this.props.region,
        },
      );
      this.imports.set(key, found);
    }
    return found;
  }

  /** The VPCs imported so far, sorted: the stack deploys after their stacks. */
  get vpcNames(): string[] {
    return [...new Set([...this.imports.keys()].map((key) => key.split('/')[0] ?? key))].sort();
  }
}
