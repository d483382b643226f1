import type { Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { LandingZoneConfig } from '../lib/config/schema';
import {
  monitoredEstate,
  runbookBaseUrl,
  sharedOwnership,
  type MonitoredEstate,
} from '../lib/monitoring/monitored-estate';
import { AttachmentAlarms, NatGatewayAlarms } from '../lib/monitoring/network-alarms';
import { SERVICE_LEVELS } from '../lib/monitoring/service-levels';
import { alertTopicName, pascal, serviceAreaDashboardName } from '../lib/names';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { AlertingStack, NetworkAlertingStack } from './alerting-stack';
import type { NetworkHubStack } from './network-hub-stack';
import { ServiceMonitoringStack } from './service-monitoring-stack';
import type { VpcStack } from './vpc-stack';

export interface MonitoringStacks {
  readonly estate: MonitoredEstate;
  /** By account name. */
  readonly alerting: Readonly<Record<string, AlertingStack>>;
  /** By `<account>/<service area>`. */
  readonly services: Readonly<Record<string, ServiceMonitoringStack>>;
  readonly all: readonly Stack[];
}

/**
 * Monitoring derived from the plan (docs/operations.md, Alarms): an alerting stack per account with
 * something to watch (topics, backup alarms; the network account's also holds the estate overview),
 * a service monitoring stack per workload account and service area, and the network's own alarms
 * (NAT gateways, Transit Gateway attachments) in the stacks that own those resources, notifying the
 * network account's rota topic. Nothing without a `monitoring` section.
 */
export function buildMonitoring(
  app: Stage,
  config: LandingZoneConfig,
  plan: MigrationPlan | undefined,
  network: { readonly hub: NetworkHubStack; readonly vpcs: Readonly<Record<string, VpcStack>> },
): MonitoringStacks | undefined {
  const monitoring = config.monitoring;
  if (monitoring === undefined) {
    return undefined;
  }
  const estate = monitoredEstate(config, plan);
  const prefix = pascal(estate.prefix);
  const runbookUrl = runbookBaseUrl(config);
  const zones = config.network.availabilityZones;

  const serviceDashboards = estate.alertAccounts.flatMap((account) =>
    [...new Set(estate.services.filter((s) => s.accountId === account.id).map((s) => s.serviceArea))]
      .sort()
      .map((area) => ({
        account: account.name,
        area,
        name: serviceAreaDashboardName(estate.prefix, account.name, area),
      })),
  );
  const byCriticality: Record<string, number> = {};
  for (const s of estate.services) {
    byCriticality[s.criticality] = (byCriticality[s.criticality] ?? 0) + 1;
  }

  const alerting: Record<string, AlertingStack> = {};
  for (const account of estate.alertAccounts) {
    const isNetwork = account.id === estate.networkAccount.id;
    const Kind = isNetwork ? NetworkAlertingStack : AlertingStack;
    alerting[account.name] = new Kind(app, `${prefix}Alerting${pascal(account.name)}`, {
      estate,
      monitoring,
      account,
      runbookUrl,
      availabilityZones: zones,
      ...(isNetwork
        ? {
            overview: {
              organisationName: estate.organisationName,
              region: estate.region,
              networkAccountId: account.id,
              workloadAccounts: estate.alertAccounts
                .filter((a) => a.id !== account.id)
                .map((a) => ({ name: a.name, id: a.id })),
              serviceDashboards,
              servicesByCriticality: byCriticality,
            },
          }
        : {}),
      env: { account: account.id, region: estate.region },
      stackName: `${estate.prefix}-alerting-${account.name}`,
      description: `${estate.organisationName}: alert topics${isNetwork ? ', estate overview' : ' and backup alarms'} of the ${account.name} account`,
      terminationProtection: true,
    });
  }

  const services: Record<string, ServiceMonitoringStack> = {};
  for (const account of estate.alertAccounts) {
    const mine = estate.services.filter((s) => s.accountId === account.id);
    for (const area of estate.serviceAreas.filter((a) => mine.some((s) => s.serviceArea === a.id))) {
      const stack = new ServiceMonitoringStack(
        app,
        `${prefix}Monitoring${pascal(account.name)}${pascal(area.id)}`,
        {
          estate,
          account,
          area,
          services: mine.filter((s) => s.serviceArea === area.id).sort((a, b) => a.id.localeCompare(b.id)),
          runbookUrl,
          availabilityZones: zones,
          env: { account: account.id, region: estate.region },
          stackName: `${estate.prefix}-monitoring-${account.name}-${area.id}`,
          description: `${estate.organisationName}: alarms and dashboard of the ${area.name} services in the ${account.name} account`,
          terminationProtection: true,
        },
      );
      const topics = alerting[account.name];
      if (topics) {
        stack.addStackDependency(topics, 'its alarms notify the alert topics of the account');
      }
      services[`${account.name}/${area.id}`] = stack;
    }
  }

  const networkAlerting = alerting[estate.networkAccount.name];
  if (networkAlerting) {
    addNetworkAlarms(estate, config, runbookUrl, network, networkAlerting);
  }
  return {
    estate,
    alerting,
    services,
    all: [...Object.values(alerting), ...Object.values(services)],
  };
}

/** NAT gateway and Transit Gateway attachment alarms, in the stacks that own those resources. */
function addNetworkAlarms(
  estate: MonitoredEstate,
  config: LandingZoneConfig,
  runbookUrl: string,
  network: { readonly hub: NetworkHubStack; readonly vpcs: Readonly<Record<string, VpcStack>> },
  alerting: AlertingStack,
): void {
  const { hub, vpcs } = network;
  const rotaTopic = (stack: Stack): sns.ITopic =>
    sns.Topic.fromTopicArn(
      stack,
      'NetworkRotaTopic',
      stack.formatArn({
        service: 'sns',
        resource: alertTopicName(estate.prefix, estate.networkAccount.name, 'rota'),
      }),
    );
  const transitGatewayId = hub.hub.transitGateway.ref;

  const natGateways = hub.egress.vpc.publicSubnets.flatMap((subnet) => {
    const nat = subnet.node.tryFindChild('NATGateway');
    return nat instanceof ec2.CfnNatGateway ? [{ zone: subnet.availabilityZone, natGatewayId: nat.ref }] : [];
  });
  const hubTopic = rotaTopic(hub);
  if (natGateways.length > 0) {
    new NatGatewayAlarms(hub, 'NatGatewayAlarms', {
      namePrefix: estate.prefix,
      natGateways,
      ownership: sharedOwnership(estate, 'central-egress', estate.egressCriticality, runbookUrl),
      level: SERVICE_LEVELS[estate.egressCriticality],
      topic: hubTopic,
    });
  }
  const egressName = config.network.egress.vpc;
  const attachments: [Stack, string, string][] = [
    [hub, egressName, hub.egress.attachment.ref],
    ...Object.entries(vpcs).map(([name, stack]): [Stack, string, string] => [
      stack,
      name,
      stack.network.attachment.ref,
    ]),
  ];
  for (const [stack, vpcName, attachmentId] of attachments) {
    const criticality =
      vpcName === egressName ? estate.egressCriticality : (estate.vpcCriticality[vpcName] ?? 'high');
    new AttachmentAlarms(stack, `${pascal(vpcName)}AttachmentAlarms`, {
      alarmName: `${estate.prefix}-tgw-${vpcName}-drops`,
      attachmentLabel: `VPC ${vpcName}`,
      transitGatewayId,
      attachmentId,
      ownership: sharedOwnership(estate, `network-${vpcName}`, criticality, runbookUrl),
      level: SERVICE_LEVELS[criticality],
      topic: stack === hub ? hubTopic : rotaTopic(stack),
    });
    stack.addStackDependency(alerting, "its alarms notify the network account's alert topic");
  }
}
