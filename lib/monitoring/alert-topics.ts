import { Construct } from 'constructs';
import { alertTopicName } from '../names';
import { AlertTopic, alertTopicKey } from '../connectivity/alert-topic';

export interface AlertTopicsProps {
  readonly namePrefix: string;
  /** The account's name: the topics are `<prefix>-alerts-<account>` and `...-out-of-hours`. */
  readonly accountName: string;
  /** The rota's mailboxes. */
  readonly rotaEmails: readonly string[];
  /** Who is called outside the rota's hours for critical services. */
  readonly outOfHoursEmails: readonly string[];
}

/**
 * One account's alert topics, encrypted with a key CloudWatch may use: the rota's, which every
 * service alarm pages, and the out-of-hours one, which only critical services' escalation alarms
 * call, and only while the rota is off duty.
 */
export class AlertTopics extends Construct {
  readonly rota: AlertTopic;
  readonly outOfHours: AlertTopic;

  constructor(scope: Construct, id: string, props: AlertTopicsProps) {
    super(scope, id);
    const { namePrefix, accountName } = props;
    const key = alertTopicKey(
      this,
      'Key',
      `Encrypts the ${namePrefix} alert topics of the ${accountName} account`,
    );
    this.rota = new AlertTopic(this, 'Rota', {
      topicName: alertTopicName(namePrefix, accountName, 'rota'),
      displayName: `${namePrefix} ${accountName} alerts for the support rota`,
      emails: props.rotaEmails,
      key,
    });
    this.outOfHours = new AlertTopic(this, 'OutOfHours', {
      topicName: alertTopicName(namePrefix, accountName, 'out-of-hours'),
      displayName: `${namePrefix} ${accountName} out-of-hours escalation`,
      emails: props.outOfHoursEmails,
      key,
    });
  }
}
