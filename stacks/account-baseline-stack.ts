import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import { EncryptedLogGroup } from '../lib/logging/encrypted-log-group';
import { toRetentionDays } from '../lib/network/log-retention';
import { AccountHygiene } from '../lib/security-baseline/account-hygiene';
import { BreakGlassRole } from '../lib/security-baseline/break-glass-role';
import { ConfigRecorder } from '../lib/security-baseline/config-recorder';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { arrivesIn, securityAlarms } from '../lib/security-baseline/security-alarms';
import { SecurityEventForwarders } from '../lib/security-baseline/security-event-forwarders';
import { GlobalEventForwarders } from '../lib/security-baseline/global-event-forwarders';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface AccountBaselineStackProps extends LandingZoneStackProps {
  readonly model: SecurityBaselineModel;
  readonly account: AccountConfig;
}

/** The ARN of the security alarm bus every account forwards to. */
export function alarmBusArn(model: SecurityBaselineModel, partition = 'aws'): string {
  return `arn:${partition}:events:${model.homeRegion}:${model.security.id}:event-bus/${model.alarmBusName}`;
}

/**
 * What every account gets in each region the landing zone uses: AWS Config recording into the
 * log archive with the baseline conformance pack, the hygiene defaults (EBS encryption, IMDSv2,
 * snapshot and S3 public access blocks), and forwarding of security events to the alarm bus. The
 * home-region stack also holds the account's IAM roles (IAM is global): the Config recorder and
 * event forwarder roles, and in member accounts the break-glass role.
 */
export class AccountBaselineStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: AccountBaselineStackProps) {
    super(scope, id, props);
    const { model, account } = props;
    const home = this.region === model.homeRegion;
    const deployTimeLogs = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/${model.prefix}/account-baseline`,
      retentionDays: toRetentionDays(model.logRetentionDays),
      purpose: 'account baseline set-up calls',
    });
    const busArn = alarmBusArn(model, this.partition);
    const recorderRole = home
      ? this.recorderRole(model)
      : iam.Role.fromRoleName(this, 'RecorderRole', model.configRecorderRoleName, { mutable: false });
    // Its permission is the managed policy below; EventBridge targets must not add inline ones.
    const forwarderRole = home
      ? this.forwarderRole(model, busArn).withoutPolicyUpdates()
      : iam.Role.fromRoleName(this, 'ForwarderRole', model.forwarderRoleName, { mutable: false });

    new ConfigRecorder(this, 'Config', {
      prefix: model.prefix,
      roleArn: recorderRole.roleArn,
      bucketName: model.configBucketName,
      homeRegion: home,
    });
    const deployTimeRole = home ? this.deployTimeRole(model, deployTimeLogs.logGroup) : undefined;
    new AccountHygiene(this, 'Hygiene', {
      prefix: model.prefix,
      logGroup: deployTimeLogs.logGroup,
      homeRegion: home,
      ...(deployTimeRole ? { role: deployTimeRole } : {}),
    });
    const alarms = securityAlarms(model.breakGlassRoleName);
    new SecurityEventForwarders(this, 'Forwarders', {
      alarms: alarms.filter((a) => arrivesIn(a, 'regional')),
      alarmBusArn: busArn,
      role: forwarderRole,
      ruleNamePrefix: model.ruleNamePrefix,
    });
    if (deployTimeRole) {
      new GlobalEventForwarders(this, 'GlobalEventForwarders', {
        alarms: alarms.filter((a) => arrivesIn(a, 'global')),
        alarmBusArn: busArn,
        forwarderRoleArn: forwarderRole.roleArn,
        ruleNamePrefix: model.ruleNamePrefix,
        logGroup: deployTimeLogs.logGroup,
        role: deployTimeRole,
      });
    }
    if (home && account.role !== 'management') {
      const trusted = model.accounts.find((a) => a.name === model.config.breakGlass.trustedAccount);
      if (trusted === undefined) {
        throw new Error('unknown break-glass trusted account (the configuration should have been validated)');
      }
      const { roleName, trustedPrincipalArns, maxSessionHours } = model.config.breakGlass;
      new BreakGlassRole(this, 'BreakGlass', {
        roleName,
        trustedAccountId: trusted.id,
        trustedPrincipalArns,
        maxSessionHours,
      });
    }
  }

  private recorderRole(model: SecurityBaselineModel): iam.Role {
    const archiveKeys = `arn:${this.partition}:kms:${model.homeRegion}:${model.logArchive.id}:key/*`;
    const role = new iam.Role(this, 'RecorderRole', {
      roleName: model.configRecorderRoleName,
      description: 'AWS Config records this account and delivers to the log archive with this role',
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    const delivery = new iam.ManagedPolicy(this, 'RecorderDelivery', {
      description: "Lets AWS Config deliver this account's configuration history to the log archive",
      statements: [
        new iam.PolicyStatement({
          sid: 'DeliverToTheConfigHistoryBucket',
          actions: ['s3:GetBucketAcl', 's3:PutObject'],
          resources: [
            `arn:${this.partition}:s3:::${model.configBucketName}`,
            `arn:${this.partition}:s3:::${model.configBucketName}/AWSLogs/${this.account}/Config/*`,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptWithTheArchiveKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [archiveKeys],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${model.homeRegion}.amazonaws.com` } },
        }),
      ],
    });
    role.addManagedPolicy(delivery);
    Validations.of(delivery).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:${this.partition}:s3:::${model.configBucketName}/AWSLogs/${this.account}/Config/*]`,
      reason:
        'AWS Config names its history and snapshot objects itself under AWSLogs/<this account>/Config/; the ' +
        'statement allows writing only there, in the log archive’s Config bucket.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason:
        "AWS's managed policy for configuration recorders: the read-only Describe/List/Get calls of every resource " +
        'type Config records, kept current by AWS as resource types are added.',
    });
    Validations.of(delivery).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${archiveKeys}]`,
      reason:
        'The archive key lives in the log-archive account and is created there, so its id is not known here; the ' +
        'statement is limited to keys of that account used through S3 in the home region, and the key policy ' +
        'admits only the Config recorder roles of the organisation.',
    });
    return role;
  }

  /**
   * The named role the home stack's deploy-time calls run as: the residency guardrail lets this
   * role, and no other, manage the forwarding rules in us-east-1.
   */
  private deployTimeRole(model: SecurityBaselineModel, logGroup: logs.ILogGroup): iam.Role {
    const role = new iam.Role(this, 'DeployTimeRole', {
      roleName: model.deployTimeRoleName,
      description:
        "Runs the account baseline's deploy-time API calls (account defaults, us-east-1 forwarding rules)",
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    const logging = new iam.ManagedPolicy(this, 'DeployTimeLogging', {
      description: 'Lets the deploy-time function write its own log',
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      ],
    });
    role.addManagedPolicy(logging);
    return role;
  }

  private forwarderRole(model: SecurityBaselineModel, busArn: string): iam.Role {
    const role = new iam.Role(this, 'ForwarderRole', {
      roleName: model.forwarderRoleName,
      description: 'EventBridge forwards security events of this account to the security alarm bus',
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    role.addManagedPolicy(
      new iam.ManagedPolicy(this, 'ForwarderPolicy', {
        description: 'Lets EventBridge put security events on the security alarm bus',
        statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [busArn] })],
      }),
    );
    return role;
  }
}
