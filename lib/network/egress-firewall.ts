import type * as logs from 'aws-cdk-lib/aws-logs';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { EgressFirewallPolicy, type EgressFirewallPolicyProps } from './egress-firewall-policy';
import { firewallEndpointIn } from './firewall-endpoint';

/** A subnet of the firewall tier that gets an endpoint. */
export interface FirewallSubnet {
  readonly subnetId: string;
  readonly availabilityZone: string;
}

export interface EgressFirewallProps extends EgressFirewallPolicyProps {
  /** The egress VPC. */
  readonly vpcId: string;
  /**
   * One firewall-tier subnet per zone that runs a NAT gateway, first zone first. Spokes in a zone
   * without one use the first zone's endpoint, as they use its NAT gateway.
   */
  readonly subnets: readonly FirewallSubnet[];
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * AWS Network Firewall in the egress VPC: one endpoint per given zone, the allow-list policy
 * (lib/network/egress-firewall-policy.ts), and its alert and flow logs to encrypted, retained log
 * groups, so every dropped flow and every flow through central egress is evidence.
 */
export class EgressFirewall extends Construct {
  readonly firewall: nfw.CfnFirewall;
  readonly policy: EgressFirewallPolicy;
  readonly alertLogs: EncryptedLogGroup;
  readonly flowLogs: EncryptedLogGroup;
  /** The zones with an endpoint, in order. */
  readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    const zones = props.subnets.map((s) => s.availabilityZone);
    if (zones.length === 0) {
      throw new Error('the egress firewall needs a subnet in at least one zone');
    }
    if (new Set(zones).size !== zones.length) {
      throw new Error(`the egress firewall takes one subnet per zone (given: ${zones.join(', ')})`);
    }
    this.zones = zones;
    const { namePrefix } = props;

    this.policy = new EgressFirewallPolicy(this, 'Policy', props);
    this.firewall = new nfw.CfnFirewall(this, 'Firewall', {
      firewallName: `${namePrefix}-egress`,
      description: 'Inspects traffic from the Transit Gateway on its way to the NAT gateways',
      vpcId: props.vpcId,
      subnetMappings: props.subnets.map((s) => ({ subnetId: s.subnetId, ipAddressType: 'IPV4' })),
      firewallPolicyArn: this.policy.policy.attrFirewallPolicyArn,
    });

    this.alertLogs = new EncryptedLogGroup(this, 'AlertLogs', {
      logGroupName: `/${namePrefix}/network-firewall/alert`,
      retentionDays: props.logRetention,
      purpose: 'Network Firewall alert logs',
    });
    this.flowLogs = new EncryptedLogGroup(this, 'FlowLogs', {
      logGroupName: `/${namePrefix}/network-firewall/flow`,
      retentionDays: props.logRetention,
      purpose: 'Network Firewall flow logs',
    });
    new nfw.CfnLoggingConfiguration(this, 'Logging', {
      firewallArn: this.firewall.attrFirewallArn,
      loggingConfiguration: {
        logDestinationConfigs: [
          {
            logType: 'ALERT',
            logDestinationType: 'CloudWatchLogs',
            logDestination: { logGroup: this.alertLogs.logGroup.logGroupName },
          },
          {
            logType: 'FLOW',
            logDestinationType: 'CloudWatchLogs',
            logDestination: { logGroup: this.flowLogs.logGroup.logGroupName },
          },
        ],
      },
    });
  }

  /** The endpoint traffic from `zone` goes through: its own, or the first zone's when it has none. */
  endpointIn(zone: string): string {
    const target = this.zones.includes(zone) ? zone : (this.zones[0] ?? zone);
    return firewallEndpointIn(this.firewall.attrEndpointIds, target);
  }
}
