import { Template } from 'aws-cdk-lib/assertions';
import { serviceControlPolicies } from '../../../lib/security-baseline/guardrails';
import { tagPolicy } from '../../../lib/security-baseline/guardrails/tag-policy';
import { OrganisationDetection } from '../../../lib/security-baseline/organisation-detection';
import { OrganisationPolicies } from '../../../lib/security-baseline/organisation-policies';
import { OrganisationServices } from '../../../lib/security-baseline/organisation-services';
import { OrganisationTrail } from '../../../lib/security-baseline/organisation-trail';
import { RegionalDetectors } from '../../../lib/security-baseline/regional-detectors';
import * as logs from 'aws-cdk-lib/aws-logs';
import { exampleModel, resourcesOf, smallStack } from './helpers';

const model = exampleModel();

describe('OrganisationTrail', () => {
  const stack = smallStack('888888888888');
  new OrganisationTrail(stack, 'Trail', {
    trailName: 'kvdc-organisation-trail',
    bucketName: 'kvdc-log-archive-333333333333',
    dataEventBuckets: ['kvdc-log-archive-333333333333', 'kvdc-config-history-333333333333'],
    keyAliasArn: 'arn:aws:kms:eu-west-2:333333333333:alias/kvdc-log-archive',
  });
  const trail = resourcesOf(Template.fromStack(stack), 'AWS::CloudTrail::Trail')[0] ?? {};

  it('records every account and region, with log file validation and the archive key', () => {
    expect(trail).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      S3BucketName: 'kvdc-log-archive-333333333333',
      KMSKeyId: 'arn:aws:kms:eu-west-2:333333333333:alias/kvdc-log-archive',
    });
  });

  it('records management events read and write, and object events in the archive buckets', () => {
    expect(trail['AdvancedEventSelectors']).toEqual([
      {
        Name: 'Management events, read and write',
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
      },
      {
        Name: 'Object reads and writes in the log archive',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          {
            Field: 'resources.ARN',
            StartsWith: [
              'arn:aws:s3:::kvdc-log-archive-333333333333/',
              'arn:aws:s3:::kvdc-config-history-333333333333/',
            ],
          },
        ],
      },
    ]);
  });
});

describe('OrganisationPolicies', () => {
  const stack = smallStack('888888888888');
  const scps = serviceControlPolicies(model);
  new OrganisationPolicies(stack, 'Policies', {
    prefix: 'kvdc',
    serviceControlPolicies: scps,
    tagPolicy: tagPolicy(['gold', 'silver']),
    targetIds: ['ou-kv77-11111111', 'ou-kv77-22222222'],
  });
  const policies = resourcesOf(Template.fromStack(stack), 'AWS::Organizations::Policy');

  it('creates every generated SCP, with its document unchanged, attached to every OU', () => {
    for (const scp of scps) {
      expect(policies.find((p) => p['Name'] === `kvdc-${scp.name}`)).toEqual({
        Name: `kvdc-${scp.name}`,
        Description: scp.description,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.parse(JSON.stringify(scp.document)) as unknown,
        TargetIds: ['ou-kv77-11111111', 'ou-kv77-22222222'],
      });
    }
  });

  it('creates the tag policy with the tiers and classifications as the only values', () => {
    const tags = policies.find((p) => p['Type'] === 'TAG_POLICY');
    expect(tags?.['Content']).toEqual({
      tags: {
        'backup-tier': {
          tag_key: { '@@assign': 'backup-tier' },
          tag_value: { '@@assign': ['gold', 'silver'] },
          enforced_for: { '@@assign': ['rds:db', 'ec2:instance', 'ec2:volume'] },
        },
        classification: {
          tag_key: { '@@assign': 'classification' },
          tag_value: { '@@assign': ['OFFICIAL', 'OFFICIAL-SENSITIVE'] },
          enforced_for: { '@@assign': ['rds:db', 'ec2:instance', 'ec2:volume'] },
        },
      },
    });
  });

  it('leaves backup-tier values open when no tiers are configured', () => {
    const open = tagPolicy([]) as { tags: Record<string, Record<string, unknown>> };
    expect(open.tags['backup-tier']).toEqual({ tag_key: { '@@assign': 'backup-tier' } });
  });
});

describe('OrganisationServices', () => {
  const stack = smallStack('888888888888');
  new OrganisationServices(stack, 'Services', {
    prefix: 'kvdc',
    rootId: 'r-kv77',
    securityAccountId: '777777777777',
    regions: ['eu-west-2', 'eu-west-1'],
    logRetentionDays: 365,
  });
  const t = Template.fromStack(stack);
  const calls = Object.values(
    t.toJSON()['Resources'] as Record<string, { Type: string; Properties: { Create?: unknown } }>,
  )
    .filter((r) => r.Type.startsWith('Custom::'))
    .map((r) => ({
      type: r.Type,
      create: JSON.parse(JSON.stringify(r.Properties.Create ?? '{}')) as unknown,
    }));

  it('trusts each detection service in AWS Organizations and enables the SCP and tag policy types', () => {
    expect(calls.filter((c) => c.type === 'Custom::OrganizationsTrustedAccess')).toHaveLength(6);
    expect(calls.filter((c) => c.type === 'Custom::OrganizationsPolicyType')).toHaveLength(2);
    expect(JSON.stringify(calls)).toContain('\\"PolicyType\\":\\"SERVICE_CONTROL_POLICY\\"');
  });

  it('makes the security account the delegated administrator of GuardDuty in every region, and of Security Hub', () => {
    const guardDuty = calls.filter((c) => c.type === 'Custom::GuardDutyOrganizationAdmin');
    expect(guardDuty).toHaveLength(2);
    for (const call of guardDuty) {
      expect(JSON.stringify(call.create)).toContain('777777777777');
    }
    t.hasResourceProperties('AWS::SecurityHub::DelegatedAdmin', { AdminAccountId: '777777777777' });
    expect(calls.filter((c) => c.type === 'Custom::SecurityHubOrganizationAdmin')).toHaveLength(1);
    expect(calls.filter((c) => c.type === 'Custom::OrganizationsDelegatedAdministrator')).toHaveLength(3);
  });
});

describe('RegionalDetectors and OrganisationDetection', () => {
  const stack = smallStack('777777777777');
  const detectors = new RegionalDetectors(stack, 'Detectors');
  const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
  new OrganisationDetection(stack, 'Detection', {
    prefix: 'kvdc',
    detectorId: detectors.detector.ref,
    logGroup,
    home: {
      linkedRegions: ['eu-west-1'],
      targets: [
        { name: 'workloads', id: 'ou-kv77-33333333', type: 'ORGANIZATIONAL_UNIT' },
        { name: 'management', id: '888888888888', type: 'ACCOUNT' },
      ],
    },
  });
  const t = Template.fromStack(stack);

  it('turns on GuardDuty with S3, EBS malware and RDS login protection', () => {
    t.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
      ],
    });
    const update = resourcesOf(t, 'Custom::GuardDutyOrganizationConfiguration')[0] ?? {};
    expect(JSON.stringify(update['Create'])).toContain('\\"AutoEnableOrganizationMembers\\":\\"ALL\\"');
  });

  it('runs Security Hub centrally with AWS FSBP and CIS in every target, and aggregates the DR region', () => {
    t.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['eu-west-1'],
    });
    t.hasResourceProperties('AWS::SecurityHub::OrganizationConfiguration', { ConfigurationType: 'CENTRAL' });
    const policy = resourcesOf(t, 'AWS::SecurityHub::ConfigurationPolicy')[0] ?? {};
    expect(JSON.stringify(policy)).toContain('standards/aws-foundational-security-best-practices/v/1.0.0');
    expect(JSON.stringify(policy)).toContain('standards/cis-aws-foundations-benchmark/v/3.0.0');
    expect(resourcesOf(t, 'AWS::SecurityHub::PolicyAssociation').map((a) => a['TargetType'])).toEqual([
      'ORGANIZATIONAL_UNIT',
      'ACCOUNT',
    ]);
  });

  it('analyses access with the organisation as the zone of trust, and aggregates Config for every account', () => {
    t.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
    t.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      OrganizationAggregationSource: { AllAwsRegions: true },
    });
  });
});

describe('OrganisationDetection for a council in one region (uk-only, no DR region)', () => {
  const stack = smallStack('777777777777');
  const detectors = new RegionalDetectors(stack, 'Detectors');
  new OrganisationDetection(stack, 'Detection', {
    prefix: 'bcc',
    detectorId: detectors.detector.ref,
    logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }),
    home: {
      linkedRegions: [],
      targets: [{ name: 'workloads', id: 'ou-bc00-33333333', type: 'ORGANIZATIONAL_UNIT' }],
    },
  });
  const t = Template.fromStack(stack);

  // SPECIFIED_REGIONS with no region is refused by CloudFormation (Regions needs one item), and
  // central configuration needs an aggregator: local configuration is what deploys.
  it('enables Security Hub and its default standards in every new account locally, with no aggregator', () => {
    t.resourceCountIs('AWS::SecurityHub::FindingAggregator', 0);
    t.resourceCountIs('AWS::SecurityHub::ConfigurationPolicy', 0);
    t.hasResourceProperties('AWS::SecurityHub::OrganizationConfiguration', {
      AutoEnable: true,
      AutoEnableStandards: 'DEFAULT',
      ConfigurationType: 'LOCAL',
    });
  });
});
