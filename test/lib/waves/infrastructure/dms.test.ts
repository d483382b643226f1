import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DmsDatabaseTask } from '../../../../lib/waves/infrastructure/dms-database-task';
import { DmsReplication } from '../../../../lib/waves/infrastructure/dms-replication';
import { testApp } from '../../../helpers/cdk-app';

/** An asymmetric matcher, typed so it can sit in an expected value. */
function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern) as unknown;
}

function harness(multiAz?: boolean): { stack: Stack; replication: DmsReplication } {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    isolatedSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  });
  const replication = new DmsReplication(stack, 'Replication', {
    vpc,
    instanceClass: 'dms.r5.xlarge',
    allocatedStorageGiB: 100,
    encryptionKey: new kms.Key(stack, 'Key'),
    description: 'wave-05 databases',
    ...(multiAz === undefined ? {} : { multiAz }),
  });
  return { stack, replication };
}

function task(
  stack: Stack,
  replication: DmsReplication,
  engine: 'sqlserver' | 'postgres' = 'sqlserver',
): DmsDatabaseTask {
  return new DmsDatabaseTask(stack, 'Revenues', {
    replication,
    engine,
    source: {
      host: 'kvrb-sql01.kvdc.local',
      port: 1433,
      databaseName: 'NEC_REVS',
      networks: { 'civic-centre-dc 10.0.0.0/16': '10.0.0.0/16' },
    },
    target: {
      address: 'kvdc-revs-bens-nec-revenues.abc.eu-west-2.rds.amazonaws.com',
      port: 1433,
      databaseName: 'NEC_REVS',
      securityGroupId: 'sg-0123456789abcdef0',
    },
    description: 'revs-bens-nec/revenues',
  });
}

describe('DMS replication instance', () => {
  it('isolated, never public, encrypted with the given key, Multi-AZ by default, its role reads only what tasks allow', () => {
    const { stack, replication } = harness();
    task(stack, replication);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DMS::ReplicationInstance', {
      ReplicationInstanceClass: 'dms.r5.xlarge',
      AllocatedStorage: 100,
      MultiAZ: true,
      PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::DMS::ReplicationSubnetGroup', {
      SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'dms.eu-west-2.amazonaws.com' } })],
      }),
    });
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0] as {
      Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } };
    };
    expect(policy.Properties.PolicyDocument.Statement.map((st) => [st.Action, st.Resource])).toEqual([
      ['kms:Decrypt', { 'Fn::GetAtt': [matching(/^Key/), 'Arn'] }],
      [
        ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        [{ Ref: matching(/SourceSecret/) }, { Ref: matching(/TargetSecret/) }],
      ],
    ]);
    expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
  });

  it('a non-production instance may be single-AZ; subnets must be isolated', () => {
    const { stack } = harness(false);
    Template.fromStack(stack).hasResourceProperties('AWS::DMS::ReplicationInstance', { MultiAZ: false });
    const other = new Stack(testApp(), 'Other');
    const vpc = ec2.Vpc.fromVpcAttributes(other, 'Vpc', {
      vpcId: 'vpc-1',
      availabilityZones: ['eu-west-2a'],
      privateSubnetIds: ['subnet-private'],
    });
    expect(
      () =>
        new DmsReplication(other, 'Replication', {
          vpc,
          subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
          instanceClass: 'dms.r5.large',
          encryptionKey: new kms.Key(other, 'Key'),
          description: 'x',
        }),
    ).toThrow(/isolated subnets only/);
  });
});

describe('DMS database task', () => {
  it('full load then change data capture with validation, both endpoints over TLS with credentials in Secrets Manager', () => {
    const { stack, replication } = harness();
    task(stack, replication);
    const template = Template.fromStack(stack);
    const task_ = Object.values(template.findResources('AWS::DMS::ReplicationTask'))[0] as
      { Properties: { MigrationType: string; ReplicationTaskSettings: string } } | undefined;
    expect(task_?.Properties).toMatchObject({ MigrationType: 'full-load-and-cdc' });
    const settings = JSON.parse(task_?.Properties.ReplicationTaskSettings ?? '{}') as {
      ValidationSettings: { EnableValidation: boolean };
    };
    expect(settings.ValidationSettings.EnableValidation).toBe(true);
    for (const type of ['source', 'target']) {
      template.hasResourceProperties('AWS::DMS::Endpoint', {
        EndpointType: type,
        EngineName: 'sqlserver',
        SslMode: 'require',
        DatabaseName: 'NEC_REVS',
        MicrosoftSqlServerSettings: Match.objectLike({
          SecretsManagerSecretId: {
            Ref: Match.stringLikeRegexp(type === 'source' ? 'SourceSecret' : 'TargetSecret'),
          },
          SecretsManagerAccessRoleArn: Match.anyValue(),
        }),
      });
    }
    // No password in the template: generated into the secret for the DBA's migration login.
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'password',
        SecretStringTemplate: Match.anyValue(),
      }),
      KmsKeyId: Match.anyValue(),
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"Password"/);
  });

  it('the instance reaches the source only in the site networks on its port, and the target only through its group', () => {
    const { stack, replication } = harness();
    task(stack, replication);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'DMS replication instance: wave-05 databases',
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 1433, ToPort: 1433 }),
        Match.objectLike({
          DestinationSecurityGroupId: 'sg-0123456789abcdef0',
          FromPort: 1433,
          ToPort: 1433,
        }),
      ],
    });
    expect(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { SecurityGroupIngress: Match.anyValue() },
      }),
    ).toEqual({});
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0123456789abcdef0',
      SourceSecurityGroupId: Match.anyValue(),
      FromPort: 1433,
      ToPort: 1433,
    });
    expect(
      () =>
        new DmsDatabaseTask(stack, 'NoSite', {
          replication,
          engine: 'postgres',
          source: { host: 'h', port: 5432, databaseName: 'gis', networks: {} },
          target: { address: 'a', port: 5432, databaseName: 'gis', securityGroupId: 'sg-1' },
          description: 'x',
        }),
    ).toThrow(/give the source site's networks/);
  });
});
