import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';

/**
 * The association's priority among the VPC's rule groups. Firewall Manager keeps 1-99 and
 * 9901-10000 for its own; 100 runs ours first among the account's.
 */
export const DNS_FIREWALL_ASSOCIATION_PRIORITY = 100;

export interface DnsFirewallAssociationProps {
  /** Prefix of the association's name, e.g. kvdc. */
  readonly namePrefix: string;
  readonly vpcName: string;
  readonly vpcId: string;
  readonly ruleGroupId: string;
  /**
   * What the VPC's resolver does when DNS Firewall cannot answer: false refuses the queries
   * (closed), true lets them through unfiltered (open).
   */
  readonly failOpen: boolean;
  /** A query logging configuration to associate the VPC with. @default - none (logged elsewhere) */
  readonly queryLogConfigId?: string;
}

/**
 * One VPC's use of the DNS Firewall rule group: the association, the VPC's failure mode (an
 * AWS::Route53Resolver::FirewallConfig, where FirewallFailOpen lives), and its query logging when
 * hybrid DNS does not already log it.
 */
export class DnsFirewallAssociation extends Construct {
  readonly association: route53resolver.CfnFirewallRuleGroupAssociation;
  readonly config: route53resolver.CfnFirewallConfig;

  constructor(scope: Construct, id: string, props: DnsFirewallAssociationProps) {
    super(scope, id);
    const name = `${props.namePrefix}-${props.vpcName}-threat-lists`;
    this.association = new route53resolver.CfnFirewallRuleGroupAssociation(this, 'Association', {
      name,
      firewallRuleGroupId: props.ruleGroupId,
      vpcId: props.vpcId,
      priority: DNS_FIREWALL_ASSOCIATION_PRIORITY,
      tags: [{ key: 'Name', value: name }],
    });
    this.config = new route53resolver.CfnFirewallConfig(this, 'FailureMode', {
      resourceId: props.vpcId,
      firewallFailOpen: props.failOpen ? 'ENABLED' : 'DISABLED',
    });
    // cfn-lint 1.51 (the gate's) ships resource schemas older than this CloudFormation type, so it
    // reports it as unknown (E3006); exactly that check is switched off, on this resource only, as
    // for the AWS::MGN types (lib/waves/infrastructure/acknowledge-mgn.ts).
    this.config.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
    if (props.queryLogConfigId !== undefined) {
      new route53resolver.CfnResolverQueryLoggingConfigAssociation(this, 'QueryLogging', {
        resolverQueryLogConfigId: props.queryLogConfigId,
        resourceId: props.vpcId,
      });
    }
  }
}
