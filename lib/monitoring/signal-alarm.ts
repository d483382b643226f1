import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** How long and how often a signal must breach, from the workload's service level. */
export interface Evaluation {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export interface SignalAlarmOptions {
  readonly alarmName: string;
  readonly description: string;
  readonly metric: cloudwatch.Metric | cloudwatch.MathExpression;
  readonly threshold: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  readonly evaluation: Evaluation;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  /** The composite alarm that notifies for it, named in the acknowledgement of its missing actions. */
  readonly notifiedBy: string;
}

/** A Metrics Insights query as an alarm metric (CloudWatch evaluates it over the period given). */
export function insightsQuery(query: string, periodSeconds: number): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression: query, period: Duration.seconds(periodSeconds) });
}

/**
 * One signal of a service: an alarm with no actions of its own. Its composite alarm notifies, so
 * one outage is one page however many signals breach; the rule packs' "alarm has an action" checks
 * are acknowledged on the alarm with that reason.
 */
export function signalAlarm(scope: Construct, id: string, options: SignalAlarmOptions): cloudwatch.Alarm {
  const { evaluation } = options;
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: options.alarmName,
    alarmDescription: options.description,
    metric: options.metric.with({ period: Duration.seconds(evaluation.periodSeconds) }),
    threshold: options.threshold,
    comparisonOperator: options.comparisonOperator,
    evaluationPeriods: evaluation.evaluationPeriods,
    datapointsToAlarm: evaluation.datapointsToAlarm,
    treatMissingData: options.treatMissingData,
  });
  const reason =
    `A signal of the composite alarm ${options.notifiedBy}, which alone notifies the rota's alert topic, ` +
    'so one outage is one page however many signals breach (docs/operations.md, Alarms).';
  for (const finding of [
    'NIST.800.53.R5::NIST.800.53.R5-CloudWatchAlarmAction',
    'cdk-validator-cfnguard::cloudwatch_alarm_action_check',
  ]) {
    Validations.of(alarm).acknowledge({ id: finding, reason });
  }
  return alarm;
}
