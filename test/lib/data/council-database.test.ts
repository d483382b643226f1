import { testApp } from '../../helpers/cdk-app';
import { App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { rdsAuditForOfficialSensitive } from '../../../lib/compliance/rules/rds-audit-for-official-sensitive';
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

/** The database's instance resource once its app has synthesised (so the tag aspects have run). */
function synthesisedInstance(db: CouncilDatabase): rds.CfnDBInstance {
  const app = db.node.root;
  if (app instanceof App) {
    app.synth();
  }
  return db.instance.node.defaultChild as rds.CfnDBInstance;
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

  describe('OFFICIAL-SENSITIVE data is audited into the log archive', () => {
    const archive = {
      account: '333333333333',
      bucketName: 'kvdc-log-archive-333333333333',
      keyAliasArn: 'arn:aws:kms:eu-west-2:333333333333:alias/kvdc-log-archive',
    };
    const postgres = {
      engine: 'postgres',
      edition: undefined,
      version: '17.9',
      licence: 'open-source',
    } as const;

    test('SQL Server: the SQLSERVER_AUDIT option names the role and the bucket prefix of this account', () => {
      const { stack, db } = harness({ classification: 'OFFICIAL-SENSITIVE', auditArchive: archive });
      const template = Template.fromStack(stack);
      const bucketId = stack.resolve(
        (db.audit?.bucket.node.defaultChild as s3.CfnBucket).logicalId,
      ) as string;
      const roleId = stack.resolve((db.audit?.role.node.defaultChild as iam.CfnRole).logicalId) as string;
      template.hasResourceProperties('AWS::RDS::OptionGroup', {
        EngineName: 'sqlserver-se',
        MajorEngineVersion: '16.00',
        OptionGroupDescription: 'revenues-benefits main database: SQLSERVER_AUDIT to S3',
        OptionConfigurations: [
          {
            OptionName: 'SQLSERVER_AUDIT',
            OptionSettings: Match.arrayWith([
              { Name: 'IAM_ROLE_ARN', Value: { 'Fn::GetAtt': [roleId, 'Arn'] } },
              {
                Name: 'S3_BUCKET_ARN',
                Value: {
                  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/database-audit/555555555555']],
                },
              },
              { Name: 'ENABLE_COMPRESSION', Value: 'true' },
              { Name: 'RETENTION_TIME', Value: '24' },
            ]),
          },
        ],
      });
      expect(instanceOf(template).resource['Properties']).toMatchObject({
        OptionGroupName: { Ref: 'RevenuesBenefitsMainEngineGroupsOptionGroup3D48E430' },
      });
      // Only RDS, for this instance of this account, may write with the role.
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'rds.amazonaws.com' },
              Condition: {
                StringEquals: { 'aws:SourceAccount': '555555555555' },
                ArnLike: {
                  'aws:SourceArn': 'arn:aws:rds:eu-west-2:555555555555:db:kvdc-revenues-benefits-main',
                },
              },
            },
          ],
        },
      });
    });

    test('SQL Server: the audit bucket is encrypted with the database key and replicates into the archive', () => {
      const { stack, db } = harness({ classification: 'OFFICIAL-SENSITIVE', auditArchive: archive });
      const template = Template.fromStack(stack);
      const keyId = stack.resolve((db.key.node.defaultChild as kms.CfnKey).logicalId) as string;
      const bucket = Object.values(template.findResources('AWS::S3::Bucket'))[0];
      expect(bucket).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                BucketKeyEnabled: true,
                ServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
                },
              },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          ReplicationConfiguration: {
            Rules: [
              {
                Status: 'Enabled',
                Filter: { Prefix: 'database-audit/555555555555/' },
                DeleteMarkerReplication: { Status: 'Disabled' },
                SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
                Destination: {
                  Bucket: 'arn:aws:s3:::kvdc-log-archive-333333333333',
                  Account: '333333333333',
                  EncryptionConfiguration: { ReplicaKmsKeyID: archive.keyAliasArn },
                },
              },
            ],
          },
        },
      });
      // The replication role sits on the path the archive admits, and writes only under this account's prefix.
      template.hasResourceProperties('AWS::IAM::Role', {
        Path: '/kvdc-database-audit/',
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })],
        },
      });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'WriteIntoTheArchive',
              Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
              Resource: 'arn:aws:s3:::kvdc-log-archive-333333333333/database-audit/555555555555/*',
            }),
          ]),
        },
      });
    });

    test('SQL Server without a log archive keeps the files in the account bucket, unreplicated', () => {
      const template = Template.fromStack(harness({ classification: 'OFFICIAL-SENSITIVE' }).stack);
      const bucket = Object.values(template.findResources('AWS::S3::Bucket'))[0];
      expect(bucket?.['Properties']).not.toHaveProperty('ReplicationConfiguration');
      template.hasResourceProperties('AWS::RDS::OptionGroup', {
        OptionConfigurations: [Match.objectLike({ OptionName: 'SQLSERVER_AUDIT' })],
      });
    });

    test('PostgreSQL: pgaudit is preloaded beside pg_stat_statements, and may be created where extensions are listed', () => {
      const { stack } = harness({
        ...postgres,
        classification: 'OFFICIAL-SENSITIVE',
        extensions: ['postgis'],
      });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
        Parameters: Match.objectLike({
          shared_preload_libraries: 'pg_stat_statements,pgaudit',
          'pgaudit.log': 'ddl,role,write',
          'pgaudit.role': 'rds_pgaudit',
          'pgaudit.log_parameter': '0',
          log_connections: '1',
          'rds.allowed_extensions': 'pgaudit,postgis',
        }),
      });
      expect(instanceOf(template).resource['Properties']).toMatchObject({
        EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
      });
      template.resourceCountIs('AWS::S3::Bucket', 0);
    });

    test('the classification is tagged; OFFICIAL data gets no audit bucket, option or pgaudit', () => {
      const sensitive = Template.fromStack(
        harness({ ...postgres, classification: 'OFFICIAL-SENSITIVE' }).stack,
      );
      const tags = (
        instanceOf(sensitive).resource['Properties'] as { Tags: { Key: string; Value: string }[] }
      ).Tags;
      expect(tags).toContainEqual({ Key: 'classification', Value: 'OFFICIAL-SENSITIVE' });

      const official = Template.fromStack(
        harness({ classification: 'OFFICIAL', auditArchive: archive }).stack,
      );
      official.resourceCountIs('AWS::RDS::OptionGroup', 0);
      official.resourceCountIs('AWS::S3::Bucket', 0);
      const pg = Template.fromStack(harness({ ...postgres, classification: 'OFFICIAL' }).stack);
      const groups = Object.values(pg.findResources('AWS::RDS::DBParameterGroup'));
      expect(JSON.stringify(groups)).not.toContain('pgaudit');
    });

    test('the rule passes each audited database and fails the same database built without its classification', () => {
      for (const engine of [{}, postgres]) {
        const audited = harness({ ...engine, classification: 'OFFICIAL-SENSITIVE', auditArchive: archive });
        expect(rdsAuditForOfficialSensitive(synthesisedInstance(audited.db))).toBe(
          NagRuleCompliance.COMPLIANT,
        );

        // As the construct built it before: no audit, though the workload tags the data sensitive.
        const before = harness({ ...engine });
        Tags.of(before.db).add('classification', 'OFFICIAL-SENSITIVE');
        expect(rdsAuditForOfficialSensitive(synthesisedInstance(before.db))).toBe(
          NagRuleCompliance.NON_COMPLIANT,
        );
      }
    });

    test('auditing keeps the logical IDs of the instance and its key', () => {
      const template = Template.fromStack(
        harness({ classification: 'OFFICIAL-SENSITIVE', auditArchive: archive }).stack,
      );
      expect(instanceOf(template).logicalId).toBe('RevenuesBenefitsMainInstanceFE32BB42');
      expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual([
        'RevenuesBenefitsMainKey20AE232A',
      ]);
    });
  });
});
