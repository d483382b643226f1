import * as logs from 'aws-cdk-lib/aws-logs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccountHygiene } from '../../../lib/security-baseline/account-hygiene';
import { BreakGlassRole } from '../../../lib/security-baseline/break-glass-role';
import { CONFORMANCE_RULES, conformancePackTemplate } from '../../../lib/security-baseline/conformance-pack';
import { ConfigRecorder, DEFAULT_VPC_GUARD_RULE } from '../../../lib/security-baseline/config-recorder';
import { resourcesOf, smallStack } from './helpers';

describe('ConfigRecorder', () => {
  const recorder = (homeRegion: boolean) => {
    const stack = smallStack('555555555555', homeRegion ? 'eu-west-2' : 'eu-west-1');
    new ConfigRecorder(stack, 'Config', {
      prefix: 'kvdc',
      roleArn: 'arn:aws:iam::555555555555:role/kvdc-config-recorder',
      bucketName: 'kvdc-config-history-333333333333',
      homeRegion,
    });
    return Template.fromStack(stack);
  };

  it('records every supported type, global resources in the home region only, into the log archive', () => {
    const home = recorder(true);
    home.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
    });
    home.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'kvdc-config-history-333333333333',
    });
    recorder(false).hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
  });

  it('flags a default VPC with a Guard custom policy rule, no Lambda function', () => {
    const t = recorder(true);
    t.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'kvdc-default-vpc-absent',
      Scope: { ComplianceResourceTypes: ['AWS::EC2::VPC'] },
      Source: Match.objectLike({
        Owner: 'CUSTOM_POLICY',
        CustomPolicyDetails: { PolicyRuntime: 'guard-2.x.x', PolicyText: DEFAULT_VPC_GUARD_RULE },
      }),
    });
    expect(DEFAULT_VPC_GUARD_RULE).toContain('configuration.isDefault == false');
    t.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('deploys the conformance pack, with account-level rules in the home region only', () => {
    const pack = (homeRegion: boolean) =>
      Object.values(
        (
          JSON.parse(conformancePackTemplate(homeRegion)) as {
            Resources: Record<string, { Properties: { ConfigRuleName: string } }>;
          }
        ).Resources,
      ).map((r) => r.Properties.ConfigRuleName);
    expect(pack(true)).toHaveLength(CONFORMANCE_RULES.length);
    expect(pack(true)).toContain('root-account-mfa-enabled');
    expect(pack(false)).not.toContain('root-account-mfa-enabled');
    expect(pack(false)).toContain('vpc-flow-logs-enabled');
    expect(conformancePackTemplate(true).length).toBeLessThan(51_200);
    recorder(false).hasResourceProperties('AWS::Config::ConformancePack', {
      ConformancePackName: 'kvdc-baseline',
    });
  });
});

describe('AccountHygiene', () => {
  const hygiene = (homeRegion: boolean) => {
    const stack = smallStack('555555555555', homeRegion ? 'eu-west-2' : 'eu-west-1');
    const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    new AccountHygiene(stack, 'Hygiene', { prefix: 'kvdc', logGroup, homeRegion });
    return Template.fromStack(stack);
  };
  const calls = (t: Template) =>
    Object.entries(t.toJSON()['Resources'] as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type.startsWith('Custom::'))
      .map(([, r]) => r.Type)
      .sort();

  it('sets EBS encryption by default with its own key, IMDSv2 by default and S3 Block Public Access', () => {
    const t = hygiene(true);
    expect(calls(t)).toEqual([
      'Custom::EbsDefaultKmsKey',
      'Custom::EbsEncryptionByDefault',
      'Custom::InstanceMetadataDefaults',
      'Custom::S3AccountPublicAccessBlock',
    ]);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/kvdc-ebs-default' });
    t.hasResourceProperties('AWS::EC2::SnapshotBlockPublicAccess', { State: 'block-all-sharing' });
    const imds = resourcesOf(t, 'Custom::InstanceMetadataDefaults')[0] ?? {};
    expect(JSON.stringify(imds['Create'])).toContain('\\"HttpTokens\\":\\"required\\"');
  });

  it('lets the EBS key be used only through EC2 in this account', () => {
    const key = resourcesOf(hygiene(true), 'AWS::KMS::Key')[0] ?? {};
    const statements = (key['KeyPolicy'] as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements.find((s) => s['Sid'] === 'AllowUseThroughEc2InThisAccount')).toMatchObject({
      Principal: { AWS: '*' },
      Condition: {
        StringEquals: {
          'kms:CallerAccount': '555555555555',
          'kms:ViaService': 'ec2.eu-west-2.amazonaws.com',
        },
      },
    });
  });

  it('sets the account-wide S3 block only in the home region; regional settings everywhere', () => {
    expect(calls(hygiene(false))).toEqual([
      'Custom::EbsDefaultKmsKey',
      'Custom::EbsEncryptionByDefault',
      'Custom::InstanceMetadataDefaults',
    ]);
  });

  it('grants each call only its own action, and undoes nothing on delete', () => {
    const t = hygiene(true);
    const policies = resourcesOf(t, 'AWS::IAM::Policy').map((p) =>
      (p['PolicyDocument'] as { Statement: { Action: string | string[] }[] }).Statement.flatMap(
        (s) => s.Action,
      ),
    );
    expect(policies).toEqual(
      expect.arrayContaining([['ec2:EnableEbsEncryptionByDefault'], ['s3:PutAccountPublicAccessBlock']]),
    );
    for (const call of resourcesOf(t, 'Custom::EbsEncryptionByDefault')) {
      expect(call['Delete']).toBeUndefined();
    }
  });
});

describe('BreakGlassRole', () => {
  const stack = smallStack('555555555555');
  new BreakGlassRole(stack, 'BreakGlass', {
    roleName: 'lz-break-glass',
    trustedPrincipalArns: [
      'arn:aws:iam::777777777777:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_BreakGlass_*',
    ],
    maxSessionHours: 1,
    trustedAccountId: '777777777777',
  });

  it('is assumable only by the named principals of the trusted account (and CloudFormation, when a break-glass session passes it), for one-hour sessions', () => {
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'lz-break-glass',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::777777777777:root' },
            Condition: {
              ArnLike: {
                'aws:PrincipalArn': [
                  'arn:aws:iam::777777777777:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_BreakGlass_*',
                ],
              },
            },
          },
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'cloudformation.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '555555555555' } },
          },
        ],
      },
    });
    const role = resourcesOf(Template.fromStack(stack), 'AWS::IAM::Role')[0] ?? {};
    expect(JSON.stringify(role['ManagedPolicyArns'])).toContain(':iam::aws:policy/AdministratorAccess');
  });
});
