import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { ManagedDomainLists } from './managed-domain-lists';

export interface DnsFirewallRuleGroupProps {
  /** Prefix of the rule group's and log group's names, e.g. kvdc. */
  readonly namePrefix: string;
  /** AWS managed domain lists to block, in priority order. */
  readonly managedDomainLists: readonly string[];
  /**
   * Create a query logging configuration, for protected VPCs whose queries nothing else logs: the
   * query log records every block (firewall_rule_action, firewall_domain_list_id).
   * @default - no query logging here (hybrid DNS logs every protected VPC)
   */
  readonly queryLogging?: {
    /** Retention of the query logs. @default logs.RetentionDays.THIRTEEN_MONTHS */
    readonly retention?: logs.RetentionDays;
  };
  /** Retention of the lookup function's log. @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The landing zone's one DNS Firewall rule group: a BLOCK rule (answer NODATA) for each AWS
 * managed threat list, looked up by name at deploy time. VPCs associate with it in their own
 * stacks (DnsFirewallAssociation), so Council-VPCDNSFirewall can check each VPC where it lives.
 */
export class DnsFirewallRuleGroup extends Construct {
  readonly ruleGroup: route53resolver.CfnFirewallRuleGroup;
  readonly queryLogging?: route53resolver.CfnResolverQueryLoggingConfig;
  readonly queryLogs?: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: DnsFirewallRuleGroupProps) {
    super(scope, id);
    const { namePrefix } = props;
    const lists = new ManagedDomainLists(this, 'ManagedDomainLists', {
      namePrefix,
      names: props.managedDomainLists,
      logRetention: props.logRetention,
    });
    this.ruleGroup = new route53resolver.CfnFirewallRuleGroup(this, 'RuleGroup', {
      name: `${namePrefix}-threat-lists`,
      firewallRules: props.managedDomainLists.map((name, i) => ({
        // Priorities leave room for rules of the council's own between the managed ones.
        priority: (i + 1) * 100,
        action: 'BLOCK',
        blockResponse: 'NODATA',
        firewallDomainListId: lists.idOf(name),
      })),
      tags: [{ key: 'Name', value: `${namePrefix}-threat-lists` }],
    });

    if (props.queryLogging !== undefined) {
      this.queryLogs = new EncryptedLogGroup(this, 'QueryLogs', {
        logGroupName: `/${namePrefix}/route53-resolver/dns-firewall-queries`,
        retentionDays: props.queryLogging.retention,
        purpose: 'Route 53 Resolver query logs of VPCs protected by DNS Firewall',
      });
      this.queryLogging = new route53resolver.CfnResolverQueryLoggingConfig(this, 'QueryLogging', {
        name: `${namePrefix}-dns-firewall-queries`,
        destinationArn: this.queryLogs.logGroupArn,
      });
    }
  }
}
