import type { StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import { ServiceAreaDashboard } from '../lib/monitoring/dashboards';
import {
  serviceOwnership,
  type MonitoredEstate,
  type MonitoredService,
} from '../lib/monitoring/monitored-estate';
import { OutOfHoursEscalation } from '../lib/monitoring/out-of-hours-escalation';
import { rotaTransitions } from '../lib/monitoring/service-levels';
import { WorkloadAlarms } from '../lib/monitoring/workload-alarms';
import { alertTopicName, escalationAlarmName, pascal, serviceAreaDashboardName, TAGS } from '../lib/names';
import { LandingZoneStack } from './landing-zone-stack';

export interface ServiceMonitoringStackProps extends StackProps {
  readonly estate: MonitoredEstate;
  readonly account: AccountConfig;
  readonly area: { readonly id: string; readonly name: string };
  /** The services of this account and area. */
  readonly services: readonly MonitoredService[];
  readonly runbookUrl: string;
  readonly availabilityZones: readonly string[];
}

/**
 * The alarms of one service area's services in one workload account, at each service's level; the
 * composite alarm that pages the account's rota topic once per service; the out-of-hours escalation
 * of its critical services; and the area's dashboard. The topics belong to the account's alerting
 * stack and are found by name. One stack per account and area keeps each far below CloudFormation's
 * 500 resources at a thousand workloads, as the workloads stacks are.
 */
export class ServiceMonitoringStack extends LandingZoneStack {
  readonly workloads: Readonly<Record<string, WorkloadAlarms>>;

  constructor(scope: Construct, id: string, props: ServiceMonitoringStackProps) {
    super(scope, id, props);
    const { estate, account } = props;
    const topic = (audience: 'rota' | 'out-of-hours'): sns.ITopic =>
      sns.Topic.fromTopicArn(
        this,
        audience === 'rota' ? 'RotaTopic' : 'OutOfHoursTopic',
        this.formatArn({ service: 'sns', resource: alertTopicName(estate.prefix, account.name, audience) }),
      );
    const rotaTopic = topic('rota');
    const transitions = estate.rota === undefined ? undefined : rotaTransitions(estate.rota);
    const outOfHoursTopic = props.services.some((s) => s.level.outOfHoursEscalation)
      ? topic('out-of-hours')
      : undefined;

    const workloads: Record<string, WorkloadAlarms> = {};
    for (const service of props.services) {
      workloads[service.id] = new WorkloadAlarms(this, pascal(service.id), {
        namePrefix: estate.prefix,
        ownership: serviceOwnership(service, props.runbookUrl),
        level: service.level,
        databases: service.databases.map((d) => ({
          name: d.name,
          instanceIdentifier: d.identifier,
          classMemoryGiB: d.classMemoryGiB,
          connectionLimit: d.connectionLimit,
          allocatedStorageGiB: d.allocatedStorageGiB,
          readReplicas: d.readReplicas,
        })),
        servers: service.servers.map((s) => ({ hostname: s.hostname, platform: s.platform, live: s.live })),
        rotaTopic,
        tags: {
          [TAGS.workload]: service.id,
          [TAGS.serviceArea]: service.serviceArea,
          [TAGS.wave]: service.wave,
        },
        ...(outOfHoursTopic === undefined ? {} : { outOfHoursTopic }),
      });
    }
    this.workloads = workloads;

    // Names, not the alarms' Ref tokens: the schedule's input and its role's policy are plain text.
    const escalations = props.services
      .filter((s) => workloads[s.id]?.escalation !== undefined)
      .map((s) => escalationAlarmName(estate.prefix, s.id));
    if (escalations.length > 0 && transitions !== undefined) {
      new OutOfHoursEscalation(this, 'OutOfHoursEscalation', { alarmNames: escalations, ...transitions });
    }

    new ServiceAreaDashboard(this, 'Dashboard', {
      dashboardName: serviceAreaDashboardName(estate.prefix, account.name, props.area.id),
      title: `${props.area.name} (${account.name})`,
      runbookUrl: props.runbookUrl,
      services: props.services.map((s) => ({
        id: s.id,
        name: s.name,
        criticality: s.criticality,
        owner: s.owner,
        availabilityTargetPercent: s.level.availabilityTargetPercent,
        ...(workloads[s.id]?.service === undefined ? {} : { serviceAlarm: workloads[s.id]?.service }),
        databases: s.databases.map((d) => d.identifier),
        servers: s.servers.map((x) => x.hostname),
      })),
    });
  }
}
