import { testApp } from '../../helpers/cdk-app';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CouncilDatabase, type CouncilDatabaseProps } from '../../../lib/data/council-database';

function harness(overrides: Partial<CouncilDatabaseProps> = {}): { stack: Stack; db: CouncilDatabase } {
  const app = testApp();
  const stack = new Stack(app, 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    isolatedSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  });
  const app1 = new ec2.SecurityGroup(stack, 'AppSg', { vpc, description: 'app' });
  const db = new CouncilDatabase(stack, 'RevenuesBenefitsMain', {
    workload: 'revenues-benefits',
    databaseName: 'main',
    namePrefix: 'kvdc',
    engine: 'sqlserver',
    edition: 'standard',
    version: '16.00.4236.2.v1',
    licence: 'licence-included',
    instanceType: new ec2.InstanceType('m6i.xlarge'),
    allocatedStorageGiB: 200,
    vpc,
    subnets: { subnets: vpc.isolatedSubnets },
    production: true,
    backupTier: 'gold',
    pointInTimeRecovery: Duration.days(35),
    recoveryTargets: { rpoMinutes: 15, rtoMinutes: 240, regionLoss: { rpoMinutes: 1440, rtoMinutes: 1440 } },
    allowedSecurityGroups: { 'revenues-app': app1 },
    allowedOnPremisesRanges: { 'civic-centre': '10.0.0.0/16' },
    ...overrides,
  });
  return { stack, db };
}

function instanceOf(template: Template): { logicalId: string; resource: Record<string, unknown> } {
  const instances = template.findResources('AWS::RDS::DBInstance');
  const [logicalId, resource] = Object.entries(instances)[0] ?? [];
  if (!logicalId || !resource) {
    throw new Error('no instance');
  }
  return { logicalId, resource };
}

describe('CouncilDatabase', () => {
  test('secure defaults for a production SQL Server database', () => {
    const template = Template.fromStack(harness().stack);
    template.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: Match.objectLike({
        DBInstanceIdentifier: 'kvdc-revenues-benefits-main',
        Engine: 'sqlserver-se',
        LicenseModel: 'license-included',
        MultiAZ: true,
        StorageEncrypted: true,
        KmsKeyId: Match.anyValue(),
        DeletionProtection: true,
        BackupRetentionPeriod: 35,
        ManageMasterUserPassword: true,
        MasterUserSecret: { KmsKeyId: Match.anyValue() },
        EnablePerformanceInsights: true,
        MonitoringInterval: 60,
        PubliclyAccessible: false,
        EnableCloudwatchLogsExports: ['agent', 'error'],
        CopyTagsToSnapshot: true,
      }),
    });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  test('pins the logical ID of the instance and its key', () => {
    const template = Template.fromStack(harness().stack);
    expect(instanceOf(template).logicalId).toBe('RevenuesBenefitsMainInstanceFE32BB42');
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual(['RevenuesBenefitsMainKey20AE232A']);
  });

  test('writes the backup tier and recovery targets as tags', () => {
    const template = Template.fromStack(harness().stack);
    const tags = (instanceOf(template).resource['Properties'] as { Tags: { Key: string; Value: string }[] })
      .Tags;
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toMatchObject({
      workload: 'revenues-benefits',
      'backup-tier': 'gold',
      'rpo-minutes': '15',
      'rto-minutes': '240',
      'region-rpo-minutes': '1440',
      'region-rto-minutes': '1440',
    });
  });

  test('forces TLS in the parameter group', () => {
    const template = Template.fromStack(harness().stack);
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'sqlserver-se-16.0',
      Parameters: { 'rds.force_ssl': '1' },
    });
  });

  test('admits only the named security group and on-premises range', () => {
    const template = Template.fromStack(harness().stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Clients of the revenues-benefits main database',
      SecurityGroupEgress: Match.anyValue(),
      SecurityGroupIngress: [
        {
          CidrIp: '10.0.0.0/16',
          FromPort: 1433,
          ToPort: 1433,
          IpProtocol: 'tcp',
          Description: Match.stringLikeRegexp('civic-centre'),
        },
      ],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
  });

  test('log groups have retention and the CMK', () => {
    const template = Template.fromStack(harness().stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: '/aws/rds/instance/kvdc-revenues-benefits-main/error',
        RetentionInDays: 400,
        KmsKeyId: Match.anyValue(),
      },
    });
  });

  test('non-production defaults to single-AZ and keeps the other safeguards', () => {
    const template = Template.fromStack(harness({ production: false }).stack);
    template.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: false, DeletionProtection: true });
  });

  test.each([
    ['postgres', undefined, '17.9', 'open-source', { 'rds.force_ssl': '1' }, true],
    ['mysql', undefined, '8.4.8', 'open-source', { require_secure_transport: 'ON' }, true],
  ] as const)(
    '%s forces TLS and uses IAM authentication',
    (engine, edition, version, licence, params, iam) => {
      const template = Template.fromStack(harness({ engine, edition, version, licence }).stack);
      template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: Match.objectLike(params) });
      template.hasResourceProperties('AWS::RDS::DBInstance', { EnableIAMDatabaseAuthentication: iam });
    },
  );

  test('Oracle SE2 enforces TLS through the SSL option and opens only the TLS port', () => {
    const template = Template.fromStack(
      harness({
        engine: 'oracle',
        edition: 'se2',
        version: '19.0.0.0.ru-2025-10.rur-2025-10.r1',
        licence: 'bring-your-own-licence',
      }).stack,
    );
    template.hasResourceProperties('AWS::RDS::OptionGroup', {
      OptionConfigurations: [
        Match.objectLike({
          OptionName: 'SSL',
          Port: 2484,
          OptionSettings: Match.arrayWith([{ Name: 'SQLNET.SSL_VERSION', Value: '1.2' }]),
        }),
      ],
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      LicenseModel: 'bring-your-own-license',
      Engine: 'oracle-se2',
    });
    const ingress = template.findResources('AWS::EC2::SecurityGroupIngress');
    for (const rule of Object.values(ingress)) {
      expect((rule['Properties'] as { FromPort: number }).FromPort).toBe(2484);
    }
  });

  test('rejects subnets that are not isolated', () => {
    const app = testApp();
    const stack = new Stack(app, 'T', { env: { account: '555555555555', region: 'eu-west-2' } });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['eu-west-2a', 'eu-west-2b'],
      privateSubnetIds: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
      isolatedSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    });
    expect(() => harness({ vpc, subnets: { subnets: vpc.privateSubnets } })).toThrow(/isolated subnets only/);
  });

  test.each([
    [{ removalPolicy: RemovalPolicy.DESTROY }, /DESTROY/],
    [{ engine: 'sqlserver', edition: 'express', production: true } as const, /does not support Multi-AZ/],
    [
      { engine: 'sqlserver', edition: 'web', version: '15.00.4460.4.v1' } as const,
      /SQL Server Web 15.00.4460.4.v1 does not support Multi-AZ: .*only from SQL Server 2022 16.00.4215.2/,
    ],
    [{ iamAuthentication: true }, /IAM database authentication/],
    [{ licence: 'bring-your-own-licence' } as const, /licence-included only/],
    [{ deletionProtection: false }, /deletion protection/],
    [{ pointInTimeRecovery: Duration.days(40) }, /pointInTimeRecovery/],
    [
      { workload: 'a-very-long-workload-name-that-goes-on-and-on', databaseName: 'and-on-and-on' },
      /longer than 63/,
    ],
  ])('rejects invalid combinations: %o', (overrides, message) => {
    expect(() => harness(overrides)).toThrow(message);
  });

  test('SQL Server Express builds single-AZ outside production; Web 2022 builds Multi-AZ', () => {
    const express = instanceOf(
      Template.fromStack(harness({ edition: 'express', production: false, allowedSecurityGroups: {} }).stack),
    );
    expect(express.resource['Properties']).toMatchObject({ Engine: 'sqlserver-ex', MultiAZ: false });
    const web = instanceOf(Template.fromStack(harness({ edition: 'web' }).stack));
    expect(web.resource['Properties']).toMatchObject({ Engine: 'sqlserver-web', MultiAZ: true });
  });

  test('PostGIS: the parameter group allows exactly the extensions asked for; engines without it refuse', () => {
    const { stack } = harness({
      engine: 'postgres',
      edition: undefined,
      version: '17.9',
      licence: 'open-source',
      extensions: ['postgis'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: Match.objectLike({ 'rds.force_ssl': '1', 'rds.allowed_extensions': 'postgis' }),
    });
    expect(() => harness({ extensions: ['postgis'] })).toThrow(/SQL Server offers no extension postgis/);
  });
});
