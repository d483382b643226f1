import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from './allow-cloudwatch-logs';
import { councilKey } from '../kms/council-key';

export interface EncryptedLogGroupProps {
  readonly logGroupName: string;
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly retentionDays?: logs.RetentionDays;
  /** What the logs are, for the key's description. */
  readonly purpose: string;
}

/**
 * A CloudWatch log group encrypted with its own customer-managed key. The key may be used by
 * CloudWatch Logs only for log groups in this account and region. Key and log group are retained
 * when the stack is deleted, so evidence outlives the resources it describes.
 */
export class EncryptedLogGroup extends Construct {
  readonly key: kms.Key;
  readonly logGroup: logs.LogGroup;
  /**
   * The log group's ARN without the trailing `:*`, the form VPN tunnel logging and Route 53
   * Resolver query logging expect.
   */
  readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = councilKey(this, 'Key', {
      description: `Encrypts ${props.purpose} in ${props.logGroupName}`,
    });
    allowCloudWatchLogs(this.key, 'AllowCloudWatchLogsForThisAccount');
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: this.key,
      retention: props.retentionDays ?? logs.RetentionDays.THIRTEEN_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Built from the log group's Ref (not the literal name) so users of the ARN wait for the group.
    this.logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
