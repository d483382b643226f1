import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { councilKey } from '../kms/council-key';

export interface AlertTopicProps {
  readonly topicName: string;
  readonly displayName: string;
  /** Role mailboxes; each must confirm the subscription email AWS sends. */
  readonly emails: readonly string[];
  /** Customer-managed key shared by the stack's alert topics. */
  readonly key: kms.IKey;
}

/**
 * An SNS topic for alarms, encrypted with a customer-managed key, reachable only over TLS, with
 * an email subscription per role mailbox.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName,
      masterKey: props.key,
      enforceSSL: true,
    });
    for (const email of props.emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }
}

/**
 * The key for alert topics. CloudWatch alarms publish to an encrypted topic only if the key lets
 * the CloudWatch service use it; AWS's managed SNS key does not, which is why alarms to
 * "encrypted" topics silently fail when that key is used.
 */
export function alertTopicKey(scope: Construct, id: string, description: string): kms.Key {
  const key = councilKey(scope, id, { description });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      // Only alarms of this account: CloudWatch publishing for another account cannot use the key.
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return key;
}
