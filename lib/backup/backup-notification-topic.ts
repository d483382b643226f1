import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';

export interface BackupNotificationTopicProps {
  readonly topicName: string;
  /** Team mailbox subscribed to the topic. @default - no subscription */
  readonly email?: string;
}

/** An SNS topic for AWS Backup failures, encrypted with its own key that AWS Backup may use. */
export class BackupNotificationTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: BackupNotificationTopicProps) {
    super(scope, id);
    this.key = councilKey(this, 'Key', {
      description: `Encrypts the ${props.topicName} notification topic`,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAwsBackupToPublish',
        principals: [new iam.ServicePrincipal('backup.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        // Only AWS Backup acting for this account: without it, AWS Backup working for any other
        // account could be pointed at this key (the confused-deputy problem).
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
  }
}
