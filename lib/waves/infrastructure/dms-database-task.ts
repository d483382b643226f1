import { Stack, Validations } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DmsReplication } from './dms-replication';

/** DMS endpoint engines the task builds: those whose endpoints take TLS with sslMode require. */
export type DmsTaskEngine = 'sqlserver' | 'postgres' | 'mysql';

export interface DmsDatabaseTaskProps {
  readonly replication: DmsReplication;
  readonly engine: DmsTaskEngine;
  /** The database on premises, reached over the site's VPN. */
  readonly source: {
    readonly host: string;
    readonly port: number;
    readonly databaseName: string;
    /** The site's networks (name -> CIDR) the instance may reach on the source port. */
    readonly networks: Readonly<Record<string, string>>;
  };
  /** The RDS database. */
  readonly target: {
    readonly address: string;
    readonly port: number;
    readonly databaseName: string;
    readonly securityGroupId: string;
  };
  /** The logins the DBAs create for the migration, their passwords taken from the secrets. @default { source: 'dms_source', target: 'dms_target' } */
  readonly logins?: { readonly source: string; readonly target: string };
  /** Compare every migrated row with the source. @default true */
  readonly validation?: boolean;
  /** What it moves, for descriptions, e.g. revs-bens-nec/revenues. */
  readonly description: string;
}

/** The task settings: limited LOB mode, tables truncated before a (re)load, logging on, row-level validation. */
function taskSettings(validation: boolean): string {
  return JSON.stringify({
    TargetMetadata: { SupportLobs: true, FullLobMode: false, LimitedSizeLobMode: true, LobMaxSize: 32 },
    FullLoadSettings: { TargetTablePrepMode: 'TRUNCATE_BEFORE_LOAD', MaxFullLoadSubTasks: 8 },
    Logging: { EnableLogging: true },
    ValidationSettings: {
      EnableValidation: validation,
      ValidationMode: 'ROW_LEVEL',
      ThreadCount: 5,
      FailureMaxCount: 10000,
      ValidationOnly: false,
    },
  });
}

const TABLE_MAPPINGS = JSON.stringify({
  rules: [
    {
      'rule-type': 'selection',
      'rule-id': '1',
      'rule-name': 'every-table',
      'object-locator': { 'schema-name': '%', 'table-name': '%' },
      'rule-action': 'include',
    },
  ],
});

/**
 * One database moved by AWS DMS: the source and target endpoints, both over TLS (sslMode require)
 * with credentials in Secrets Manager (a password generated here for a migration login that the
 * DBAs create; nothing typed into the template), and a full load followed by change data capture
 * with row-level validation. The replication instance may reach the source only on its port in
 * the site's networks, and the target only through its security group, which admits it on the
 * database port for as long as this task exists.
 */
export class DmsDatabaseTask extends Construct {
  readonly sourceSecret: secretsmanager.Secret;
  readonly targetSecret: secretsmanager.Secret;
  readonly sourceEndpoint: dms.CfnEndpoint;
  readonly targetEndpoint: dms.CfnEndpoint;
  readonly task: dms.CfnReplicationTask;

  constructor(scope: Construct, id: string, props: DmsDatabaseTaskProps) {
    super(scope, id);
    const { replication, source, target } = props;
    if (Object.keys(source.networks).length === 0) {
      throw new Error(`DmsDatabaseTask ${id}: give the source site's networks`);
    }
    const logins = props.logins ?? { source: 'dms_source', target: 'dms_target' };
    const stack = Stack.of(this);
    const secret = (
      name: string,
      login: string,
      host: string,
      port: number,
      side: string,
    ): secretsmanager.Secret =>
      new secretsmanager.Secret(this, name, {
        description: `DMS ${side} login for ${props.description} (the DBA creates ${login} with this password)`,
        encryptionKey: replication.encryptionKey,
        generateSecretString: {
          secretStringTemplate: stack.toJsonString({ username: login, host, port }),
          generateStringKey: 'password',
          // Characters the engines' connection strings and DMS reject.
          excludeCharacters: '"\'@/\\;:{}%`',
          passwordLength: 32,
        },
      });
    this.sourceSecret = secret('SourceSecret', logins.source, source.host, source.port, 'source');
    this.targetSecret = secret('TargetSecret', logins.target, target.address, target.port, 'target');
    for (const s of [this.sourceSecret, this.targetSecret]) {
      replication.allowSecret(s.secretArn);
      for (const ruleId of [
        'AwsSolutions::AwsSolutions-SMG4',
        'NIST.800.53.R5::NIST.800.53.R5-SecretsManagerRotationEnabled',
      ]) {
        Validations.of(s).acknowledge({
          id: ruleId,
          reason:
            'The password of a migration login that exists only while the wave moves its databases; rotating it would need a function that reaches the on-premises server. The secret and the login go when the wave has cut over.',
        });
      }
    }

    const credentials = (s: secretsmanager.Secret) => ({
      secretsManagerSecretId: s.secretArn,
      secretsManagerAccessRoleArn: replication.secretsRole.roleArn,
    });
    const endpoint = (
      name: string,
      endpointType: 'source' | 'target',
      s: secretsmanager.Secret,
      databaseName: string,
    ): dms.CfnEndpoint =>
      new dms.CfnEndpoint(this, name, {
        endpointType,
        engineName: props.engine,
        sslMode: 'require',
        databaseName,
        kmsKeyId: replication.encryptionKey.keyArn,
        ...(props.engine === 'sqlserver'
          ? { microsoftSqlServerSettings: { ...credentials(s), databaseName } }
          : props.engine === 'postgres'
            ? { postgreSqlSettings: credentials(s) }
            : { mySqlSettings: credentials(s) }),
      });
    this.sourceEndpoint = endpoint('SourceEndpoint', 'source', this.sourceSecret, source.databaseName);
    this.targetEndpoint = endpoint('TargetEndpoint', 'target', this.targetSecret, target.databaseName);
    // The role must be able to read the secrets before DMS tests the endpoints.
    for (const e of [this.sourceEndpoint, this.targetEndpoint]) {
      e.node.addDependency(replication.secretsPolicy);
    }

    this.task = new dms.CfnReplicationTask(this, 'Task', {
      migrationType: 'full-load-and-cdc',
      replicationInstanceArn: replication.instance.ref,
      sourceEndpointArn: this.sourceEndpoint.ref,
      targetEndpointArn: this.targetEndpoint.ref,
      tableMappings: TABLE_MAPPINGS,
      replicationTaskSettings: taskSettings(props.validation ?? true),
    });

    for (const [name, cidr] of Object.entries(source.networks).sort(([a], [b]) => a.localeCompare(b))) {
      replication.securityGroup.addEgressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(source.port),
        `DMS to source databases at ${name} over the VPN`,
      );
    }
    replication.securityGroup.addEgressRule(
      ec2.Peer.securityGroupId(target.securityGroupId),
      ec2.Port.tcp(target.port),
      `DMS to ${props.description} on RDS`,
    );
    new ec2.CfnSecurityGroupIngress(this, 'TargetIngress', {
      groupId: target.securityGroupId,
      sourceSecurityGroupId: replication.securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: target.port,
      toPort: target.port,
      description: `DMS replication instance (${props.description}), while the migration runs`,
    });
  }
}
