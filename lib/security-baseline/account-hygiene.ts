import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';
import { DeployTimeCall } from './deploy-time-call';

export interface AccountHygieneProps {
  readonly prefix: string;
  readonly logGroup: logs.ILogGroup;
  /** Account-wide (not regional) settings, such as S3 Block Public Access, are set in the home region. */
  readonly homeRegion: boolean;
  /** The role the stack's deploy-time calls run as. @default - one aws-cdk-lib creates */
  readonly role?: iam.IRole;
}

/**
 * The account defaults every account gets, in one region:
 *  - EBS encryption by default, with a customer-managed key (an API call: no CloudFormation type);
 *  - IMDSv2 required for new instances by default (an API call: no CloudFormation type);
 *  - public sharing of EBS snapshots blocked (AWS::EC2::SnapshotBlockPublicAccess);
 *  - in the home region, S3 Block Public Access for the whole account (an API call: no
 *    CloudFormation type).
 * Nothing is switched back off on delete; the guardrails deny turning these off.
 */
export class AccountHygiene extends Construct {
  readonly ebsKey: kms.Key;

  constructor(scope: Construct, id: string, props: AccountHygieneProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.ebsKey = councilKey(this, 'EbsKey', {
      description: 'Default key for EBS volumes and snapshots in this account and region',
      alias: `alias/${props.prefix}-ebs-default`,
    });
    // As AWS's own aws/ebs key does: any principal of this account may use the key through EC2,
    // so instances, Auto Scaling and AWS MGN replication can encrypt with the default key.
    this.ebsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowUseThroughEc2InThisAccount',
        principals: [new iam.AnyPrincipal()],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:CallerAccount': stack.account,
            'kms:ViaService': `ec2.${stack.region}.amazonaws.com`,
          },
        },
      }),
    );

    const setDefaultKey = new DeployTimeCall(this, 'EbsDefaultKey', {
      resourceType: 'Custom::EbsDefaultKmsKey',
      call: {
        service: 'EC2',
        action: 'modifyEbsDefaultKmsKeyId',
        parameters: { KmsKeyId: this.ebsKey.keyArn },
        physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-ebs-default-key`),
      },
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:ModifyEbsDefaultKmsKeyId'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [this.ebsKey.keyArn] }),
      ],
      logGroup: props.logGroup,
      ...(props.role ? { role: props.role } : {}),
      wildcardReason: 'ec2:ModifyEbsDefaultKmsKeyId is an account setting and takes no resource ARN.',
    });
    const enable = new DeployTimeCall(this, 'EbsEncryptionByDefault', {
      resourceType: 'Custom::EbsEncryptionByDefault',
      call: {
        service: 'EC2',
        action: 'enableEbsEncryptionByDefault',
        parameters: {},
        physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-ebs-encryption-by-default`),
      },
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] }),
      ],
      logGroup: props.logGroup,
      ...(props.role ? { role: props.role } : {}),
      wildcardReason: 'ec2:EnableEbsEncryptionByDefault is an account setting and takes no resource ARN.',
    });
    enable.node.addDependency(setDefaultKey);

    new DeployTimeCall(this, 'ImdsV2Default', {
      resourceType: 'Custom::InstanceMetadataDefaults',
      call: {
        service: 'EC2',
        action: 'modifyInstanceMetadataDefaults',
        parameters: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
        physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-imds-v2-default`),
      },
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:ModifyInstanceMetadataDefaults'], resources: ['*'] }),
      ],
      logGroup: props.logGroup,
      ...(props.role ? { role: props.role } : {}),
      wildcardReason: 'ec2:ModifyInstanceMetadataDefaults is an account setting and takes no resource ARN.',
    });

    new ec2.CfnSnapshotBlockPublicAccess(this, 'SnapshotBlockPublicAccess', { state: 'block-all-sharing' });

    if (props.homeRegion) {
      new DeployTimeCall(this, 'S3BlockPublicAccess', {
        resourceType: 'Custom::S3AccountPublicAccessBlock',
        call: {
          service: 'S3Control',
          action: 'putPublicAccessBlock',
          parameters: {
            AccountId: stack.account,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          },
          physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-s3-account-public-access-block`),
        },
        statements: [
          new iam.PolicyStatement({ actions: ['s3:PutAccountPublicAccessBlock'], resources: ['*'] }),
        ],
        logGroup: props.logGroup,
        ...(props.role ? { role: props.role } : {}),
        wildcardReason: 's3:PutAccountPublicAccessBlock is an account setting and takes no resource ARN.',
      });
    }
  }
}
