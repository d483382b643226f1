import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { MgnLaunchTemplate } from '../../../../lib/waves/infrastructure/mgn-launch-template';
import { MgnReplicationTemplate } from '../../../../lib/waves/infrastructure/mgn-replication-template';
import { PostLaunchDocuments } from '../../../../lib/waves/infrastructure/post-launch-documents';
import { testApp } from '../../../helpers/cdk-app';

function harness(): { stack: Stack; key: kms.Key; group: ec2.SecurityGroup } {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-2a'],
  });
  const group = new ec2.SecurityGroup(stack, 'Replication', { vpc, allowAllOutbound: false });
  return { stack, key: new kms.Key(stack, 'Key'), group };
}

describe('MGN replication template', () => {
  it('replicates privately over the VPN into the staging subnet, encrypted with the given key, throttled', () => {
    const { stack, key, group } = harness();
    new MgnReplicationTemplate(stack, 'Site', {
      stagingSubnetId: 'subnet-0aaaaaaaaaaaaaaa1',
      securityGroups: [group],
      encryptionKey: key,
      bandwidthThrottleMbps: 55,
      stagingAreaTags: { wave: 'wave-05', site: 'civic-centre-dc' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::MGN::ReplicationConfigurationTemplate', {
      StagingAreaSubnetId: 'subnet-0aaaaaaaaaaaaaaa1',
      DataPlaneRouting: 'PRIVATE_IP',
      CreatePublicIP: false,
      AssociateDefaultSecurityGroup: false,
      ReplicationServersSecurityGroupsIDs: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Replication'), 'GroupId'] },
      ],
      EbsEncryption: 'CUSTOM',
      EbsEncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      BandwidthThrottling: 55,
      ReplicationServerInstanceType: 't3.small',
      UseDedicatedReplicationServer: false,
      DefaultLargeStagingDiskType: 'GP3',
      StagingAreaTags: { wave: 'wave-05', site: 'civic-centre-dc' },
    });
  });

  it('rejects a throttle MGN does not take and a template without a security group', () => {
    for (const bad of [0, 10_001, 2.5]) {
      const { stack, key, group } = harness();
      expect(
        () =>
          new MgnReplicationTemplate(stack, 'Site', {
            stagingSubnetId: 'subnet-1',
            securityGroups: [group],
            encryptionKey: key,
            bandwidthThrottleMbps: bad,
          }),
      ).toThrow(/bandwidthThrottleMbps must be a whole number from 1 to 10000/);
    }
    const { stack, key } = harness();
    expect(
      () =>
        new MgnReplicationTemplate(stack, 'Site', {
          stagingSubnetId: 'subnet-1',
          securityGroups: [],
          encryptionKey: key,
          bandwidthThrottleMbps: 10,
        }),
    ).toThrow(/give the replication servers a security group/);
  });
});

describe('MGN launch template', () => {
  it('launches without public IPs, with the licence asked for and the post-launch actions on test and cutover', () => {
    const { stack, key } = harness();
    const documents = new PostLaunchDocuments(stack, 'PostLaunch', { namePrefix: 'kvdc', key });
    new MgnLaunchTemplate(stack, 'Byol', {
      osByol: true,
      rightSizing: 'BASIC',
      postLaunchActions: documents.actions,
      postLaunchLogGroupName: documents.logGroup.logGroupName,
      parametersKey: key,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::MGN::LaunchConfigurationTemplate', {
      AssociatePublicIpAddress: false,
      CopyPrivateIp: false,
      CopyTags: true,
      LaunchDisposition: 'STARTED',
      Licensing: { OsByol: true },
      TargetInstanceTypeRightSizingMethod: 'BASIC',
      EnableParametersEncryption: true,
      PostLaunchActions: {
        Deployment: 'TEST_AND_CUTOVER',
        CloudWatchLogGroupName: Match.anyValue(),
        SsmDocuments: [
          Match.objectLike({ SsmDocumentName: 'AWS-UpdateSSMAgent', MustSucceedForCutover: true }),
          Match.objectLike({ ActionName: 'Install and start the CloudWatch agent' }),
          Match.objectLike({ ActionName: 'Apply the council hardening baseline' }),
        ],
      },
    });
    template.hasResourceProperties('AWS::SSM::Document', {
      Name: 'kvdc-migration-cloudwatch-agent',
      DocumentType: 'Command',
    });
    template.hasResourceProperties('AWS::SSM::Document', { Name: 'kvdc-migrated-server-hardening' });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: 'AmazonCloudWatch-kvdc-migrated-windows' });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/kvdc/migration/post-launch',
      KmsKeyId: Match.anyValue(),
    });
  });

  it('defaults to licence-included and the planned instance types; a council hardening document replaces the baseline', () => {
    const { stack, key } = harness();
    const documents = new PostLaunchDocuments(stack, 'PostLaunch', {
      namePrefix: 'kvdc',
      key,
      hardeningDocumentName: 'kvdc-cis-level-1',
    });
    new MgnLaunchTemplate(stack, 'Default', { postLaunchActions: documents.actions });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::MGN::LaunchConfigurationTemplate', {
      Licensing: { OsByol: false },
      TargetInstanceTypeRightSizingMethod: 'NONE',
      PostLaunchActions: Match.objectLike({
        SsmDocuments: Match.arrayWith([Match.objectLike({ SsmDocumentName: 'kvdc-cis-level-1' })]),
      }),
    });
    expect(Object.keys(template.findResources('AWS::SSM::Document'))).toHaveLength(1);
  });

  it('MGN runs at most ten post-launch documents', () => {
    const { stack } = harness();
    const actions = Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, documentName: `d${i}` }));
    expect(() => new MgnLaunchTemplate(stack, 'Many', { postLaunchActions: actions })).toThrow(/at most 10/);
  });
});
