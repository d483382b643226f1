import { Stack, Validations } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { pascal } from '../names';
import { DeployTimeCall } from './deploy-time-call';
import { GUARDDUTY_FEATURES } from './regional-detectors';

export interface OrganisationDetectionProps {
  readonly prefix: string;
  /** The security account's GuardDuty detector in this region. */
  readonly detectorId: string;
  readonly logGroup: logs.ILogGroup;
  /**
   * Set in the home region only: aggregation and the organisation's Security Hub policy.
   * @default - none: a DR-region stack has only GuardDuty's organisation settings and the analyzer
   */
  readonly home?: {
    /** Other regions whose findings Security Hub brings into the home region. */
    readonly linkedRegions: readonly string[];
    /** OUs (and the management account) the Security Hub configuration policy applies to. */
    readonly targets: readonly {
      readonly name: string;
      readonly id: string;
      readonly type: 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
    }[];
  };
}

/** The Security Hub standards every account runs: AWS FSBP and the CIS AWS Foundations Benchmark. */
export function securityHubStandards(region: string, partition = 'aws'): string[] {
  return [
    `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
  ];
}

/**
 * Detection for the whole organisation, run from the security account as delegated
 * administrator: GuardDuty turned on with its protections for every current and future account
 * (an API call: CloudFormation has no resource for GuardDuty's organisation configuration), an
 * organisation-wide IAM Access Analyzer, and in the home region an AWS Config aggregator of every
 * account and region plus Security Hub central configuration with both standards.
 */
export class OrganisationDetection extends Construct {
  constructor(scope: Construct, id: string, props: OrganisationDetectionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const guardDutyCall: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'updateOrganizationConfiguration',
      parameters: {
        DetectorId: props.detectorId,
        AutoEnableOrganizationMembers: 'ALL',
        Features: GUARDDUTY_FEATURES.map((name) => ({ Name: name, AutoEnable: 'ALL' })),
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-guardduty-organisation`),
    };
    new DeployTimeCall(this, 'GuardDutyOrganisation', {
      resourceType: 'Custom::GuardDutyOrganizationConfiguration',
      call: guardDutyCall,
      statements: [
        new iam.PolicyStatement({
          actions: ['guardduty:UpdateOrganizationConfiguration'],
          resources: [
            stack.formatArn({ service: 'guardduty', resource: 'detector', resourceName: props.detectorId }),
          ],
        }),
      ],
      logGroup: props.logGroup,
    });

    new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', {
      analyzerName: `${props.prefix}-organisation`,
      type: 'ORGANIZATION',
    });

    const home = props.home;
    if (home === undefined) {
      return;
    }
    const aggregatorRole = new iam.Role(this, 'AggregatorRole', {
      description: 'Lets AWS Config read the configuration of every account in the organisation',
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations'),
      ],
    });
    Validations.of(aggregatorRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
      reason:
        "AWS's managed policy for organisation aggregators: read-only Organizations calls, kept current by AWS as " +
        'the service changes.',
    });
    new config.CfnConfigurationAggregator(this, 'ConfigAggregator', {
      configurationAggregatorName: `${props.prefix}-organisation`,
      organizationAggregationSource: { roleArn: aggregatorRole.roleArn, allAwsRegions: true },
    });

    if (home.linkedRegions.length === 0) {
      // One region only (uk-only, no DR region): central configuration needs a finding aggregator
      // with at least one linked region, which CloudFormation cannot express here. Local
      // configuration enables Security Hub and its default standards (AWS FSBP, CIS) in every new
      // member account of this one region, which is all central configuration would do.
      new securityhub.CfnOrganizationConfiguration(this, 'SecurityHubOrganisation', {
        autoEnable: true,
        autoEnableStandards: 'DEFAULT',
        configurationType: 'LOCAL',
      });
      return;
    }
    const aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
      regionLinkingMode: 'SPECIFIED_REGIONS',
      regions: [...home.linkedRegions],
    });
    const organisation = new securityhub.CfnOrganizationConfiguration(this, 'SecurityHubOrganisation', {
      autoEnable: false,
      autoEnableStandards: 'NONE',
      configurationType: 'CENTRAL',
    });
    organisation.addResourceDependency(aggregator);
    const policy = new securityhub.CfnConfigurationPolicy(this, 'SecurityHubPolicy', {
      name: `${props.prefix}-baseline`,
      description: 'Security Hub on in every account, with AWS FSBP and CIS AWS Foundations Benchmark',
      configurationPolicy: {
        securityHub: {
          serviceEnabled: true,
          enabledStandardIdentifiers: securityHubStandards(stack.region, stack.partition),
          securityControlsConfiguration: { disabledSecurityControlIdentifiers: [] },
        },
      },
    });
    policy.addResourceDependency(organisation);
    for (const target of home.targets) {
      new securityhub.CfnPolicyAssociation(this, `SecurityHubPolicyFor${pascal(target.name)}`, {
        configurationPolicyId: policy.attrId,
        targetId: target.id,
        targetType: target.type,
      });
    }
  }
}
