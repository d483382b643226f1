import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { conformancePackTemplate } from './conformance-pack';

export interface ConfigRecorderProps {
  readonly prefix: string;
  /** The role the recorder reads resources with (one per account, created in the home region). */
  readonly roleArn: string;
  /** The Config history bucket in the log-archive account. */
  readonly bucketName: string;
  /** Global resources (IAM) are recorded, and account-level rules run, in the home region only. */
  readonly homeRegion: boolean;
}

/**
 * A guard rule (AWS Config custom policy, no Lambda function) that flags a default VPC: every
 * VPC the council uses is built by the landing zone, so a default VPC is unmanaged network
 * surface with public subnets and an internet gateway.
 */
export const DEFAULT_VPC_GUARD_RULE = [
  'rule default_vpc_absent when resourceType == "AWS::EC2::VPC" {',
  '  configuration.isDefault == false',
  '}',
].join('\n');

/**
 * AWS Config in one account and region: a recorder of every supported resource type, a delivery
 * channel to the Config history bucket in the log-archive account, the default-VPC rule, and
 * the baseline conformance pack. CloudFormation starts the recorder once the delivery channel
 * exists.
 */
export class ConfigRecorder extends Construct {
  readonly recorder: config.CfnConfigurationRecorder;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: `${props.prefix}-recorder`,
      roleArn: props.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.homeRegion },
      recordingMode: { recordingFrequency: 'CONTINUOUS' },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: `${props.prefix}-delivery`,
      s3BucketName: props.bucketName,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.addResourceDependency(this.recorder);

    const defaultVpc = new config.CfnConfigRule(this, 'DefaultVpcRule', {
      configRuleName: `${props.prefix}-default-vpc-absent`,
      description: 'Flags a default VPC: the landing zone builds every VPC the council uses.',
      scope: { complianceResourceTypes: ['AWS::EC2::VPC'] },
      source: {
        owner: 'CUSTOM_POLICY',
        sourceDetails: [
          { eventSource: 'aws.config', messageType: 'ConfigurationItemChangeNotification' },
          { eventSource: 'aws.config', messageType: 'OversizedConfigurationItemChangeNotification' },
        ],
        customPolicyDetails: { policyRuntime: 'guard-2.x.x', policyText: DEFAULT_VPC_GUARD_RULE },
      },
    });
    defaultVpc.addResourceDependency(channel);

    const pack = new config.CfnConformancePack(this, 'ConformancePack', {
      conformancePackName: `${props.prefix}-baseline`,
      templateBody: conformancePackTemplate(props.homeRegion),
    });
    pack.addResourceDependency(channel);
    // cfn-lint 1.51's resource schema predates Tags on AWS::Config::ConformancePack (in the
    // CloudFormation schema since aws-cdk-lib 2.264 generated it); only that check is switched off.
    pack.addMetadata('cfn-lint', { config: { ignore_checks: ['E3002'] } });
  }
}
