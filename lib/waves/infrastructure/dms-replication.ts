import { Stack, Validations } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface DmsReplicationProps {
  /** The VPC with the isolated subnets the instance goes in. */
  readonly vpc: ec2.IVpc;
  /** Must select isolated subnets only. @default - the VPC's isolated subnets */
  readonly subnets?: ec2.SubnetSelection;
  /** e.g. dms.r5.large. */
  readonly instanceClass: string;
  /** Logs and cached changes, GiB. @default 50 */
  readonly allocatedStorageGiB?: number;
  /** A standby in a second zone, so change capture survives the loss of one. @default true */
  readonly multiAz?: boolean;
  /** Encrypts the instance's storage, the endpoints' connection settings and the credentials. */
  readonly encryptionKey: kms.IKey;
  /** What the instance moves, for its descriptions. */
  readonly description: string;
}

/**
 * An AWS DMS replication instance shared by the database tasks of one wave: in isolated subnets,
 * never publicly accessible, storage encrypted with a customer-managed key, Multi-AZ unless told
 * otherwise, minor versions patched, and its own security group that allows nothing until a task
 * opens the way to its source and target. The role DMS assumes to read the endpoints' credentials
 * from Secrets Manager is part of it; tasks grant it their secrets.
 */
export class DmsReplication extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly subnetGroup: dms.CfnReplicationSubnetGroup;
  readonly instance: dms.CfnReplicationInstance;
  /** Assumed by DMS to read each endpoint's secret. */
  readonly secretsRole: iam.Role;
  /** The secrets role's managed policy: tasks add their secrets to it (allowSecret). */
  readonly secretsPolicy: iam.ManagedPolicy;
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: DmsReplicationProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.subnets ?? { subnets: props.vpc.isolatedSubnets });
    const isolated = new Set(props.vpc.isolatedSubnets.map((s) => s.node.path));
    if (subnets.subnets.length === 0 || subnets.subnets.some((s) => !isolated.has(s.node.path))) {
      throw new Error(`DmsReplication ${id}: subnets must select isolated subnets only`);
    }
    const storage = props.allocatedStorageGiB ?? 50;
    if (!Number.isInteger(storage) || storage < 5 || storage > 6144) {
      throw new Error(`DmsReplication ${id}: allocatedStorageGiB must be a whole number from 5 to 6144`);
    }
    this.encryptionKey = props.encryptionKey;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `DMS replication instance: ${props.description}`,
      allowAllOutbound: false,
    });
    this.subnetGroup = new dms.CfnReplicationSubnetGroup(this, 'SubnetGroup', {
      replicationSubnetGroupDescription: `Isolated subnets for ${props.description}`,
      subnetIds: subnets.subnetIds,
    });
    this.instance = new dms.CfnReplicationInstance(this, 'Instance', {
      replicationInstanceClass: props.instanceClass,
      allocatedStorage: storage,
      multiAz: props.multiAz ?? true,
      publiclyAccessible: false,
      kmsKeyId: props.encryptionKey.keyArn,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      replicationSubnetGroupIdentifier: this.subnetGroup.ref,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
    });
    this.secretsRole = new iam.Role(this, 'SecretsRole', {
      assumedBy: new iam.ServicePrincipal(`dms.${Stack.of(this).region}.amazonaws.com`),
      description: `DMS reads the endpoint credentials of ${props.description}`,
    });
    this.secretsPolicy = new iam.ManagedPolicy(this, 'SecretsPolicy', {
      description: `DMS reads the endpoint credentials of ${props.description}`,
      roles: [this.secretsRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'DecryptTheCredentials',
          actions: ['kms:Decrypt'],
          resources: [props.encryptionKey.keyArn],
        }),
      ],
    });
    if (props.multiAz === false) {
      Validations.of(this.instance).acknowledge({
        id: 'cdk-validator-cfnguard::dms_replication_instance_multi_az_check',
        reason: `${props.description} is non-production: a single-AZ replication instance is an accepted cost trade-off; a task that stops with its zone restarts from its checkpoint.`,
      });
    }
  }

  /** Lets DMS read one endpoint's secret. */
  allowSecret(secretArn: string): void {
    this.secretsPolicy.addStatements(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secretArn],
      }),
    );
  }
}
