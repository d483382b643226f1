import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { ALLOWED_FLOWS_CAPACITY } from './allowed-flows-capacity';

/**
 * The allow-list rule group's capacity: fixed, because CloudFormation replaces a rule group whose
 * capacity changes, and the replacement's name clashes with the group it replaces. A domain list
 * uses one unit per domain and target type (TLS SNI, HTTP host), so this holds the schema's 500 domains.
 */
export const ALLOWED_DOMAINS_CAPACITY = 1000;

/**
 * The Protective DNS pass rules' capacity: one rule per endpoint subnet, resolver and protocol, at
 * most 6 zones x 4 resolvers x 2 protocols, with room to spare.
 */
export const PROTECTIVE_DNS_CAPACITY = 100;

/** A non-web flow the firewall passes: from these sources to these hosts and ports. */
export interface AllowedFlow {
  readonly name: string;
  readonly protocol: 'TCP' | 'UDP';
  readonly sourceCidrs: readonly string[];
  readonly destinations: readonly string[];
  readonly ports: readonly number[];
}

export interface EgressFirewallPolicyProps {
  /** Prefix of the policy's and rule groups' names, e.g. kvdc. */
  readonly namePrefix: string;
  /**
   * Where the inspected traffic comes from ($HOME_NET): the AWS address space. The firewall's
   * default is its own VPC's block, which in central egress is only the NAT gateways' subnets, so
   * no spoke's traffic would ever match the allow-list.
   */
  readonly homeNet: readonly string[];
  /** Domains HTTP and TLS traffic may reach: `example.com` exactly, `.example.com` with subdomains. */
  readonly allowedDomains: readonly string[];
  /**
   * DNS from the Resolver endpoints to the NCSC Protective DNS resolvers, which the allow-list
   * (HTTP and TLS only) would otherwise drop. @default - no DNS is passed
   */
  readonly protectiveDns?: {
    readonly resolverIps: readonly string[];
    /** The subnets of the outbound Resolver endpoint, the only sources allowed to query them. */
    readonly sourceCidrs: readonly string[];
  };
  /** Flows other than HTTP and TLS that may leave (an SMTP relay, SFTP to a supplier). @default - none */
  readonly allowedFlows?: readonly AllowedFlow[];
}

/**
 * The egress firewall's policy. Stateless inspection forwards everything to the stateful engine,
 * which evaluates in strict order: the allow-list rule group passes HTTP and TLS to the listed
 * domains (with Protective DNS, a second group passes DNS to its resolvers; with allowed flows, a
 * third passes each configured protocol and port to its hosts from its VPCs); the default
 * actions then drop and alert on every other established flow. `aws:drop_established` rather than
 * `aws:drop_strict`: the TCP handshake must complete before the TLS ClientHello or HTTP Host
 * header, which the allow-list matches on, is seen at all.
 */
export class EgressFirewallPolicy extends Construct {
  readonly policy: nfw.CfnFirewallPolicy;
  readonly allowedDomains: nfw.CfnRuleGroup;
  readonly protectiveDns?: nfw.CfnRuleGroup;
  readonly allowedFlows?: nfw.CfnRuleGroup;

  constructor(scope: Construct, id: string, props: EgressFirewallPolicyProps) {
    super(scope, id);
    const { namePrefix } = props;
    const homeNet = { ipSets: { HOME_NET: { definition: [...props.homeNet] } } };
    const strictOrder = { ruleOrder: 'STRICT_ORDER' };

    this.allowedDomains = new nfw.CfnRuleGroup(this, 'AllowedDomains', {
      ruleGroupName: `${namePrefix}-egress-allowed-domains`,
      description: 'HTTP and TLS from the AWS address space to the domains the configuration allows',
      type: 'STATEFUL',
      capacity: ALLOWED_DOMAINS_CAPACITY,
      ruleGroup: {
        ruleVariables: homeNet,
        rulesSource: {
          rulesSourceList: {
            generatedRulesType: 'ALLOWLIST',
            targetTypes: ['TLS_SNI', 'HTTP_HOST'],
            targets: [...props.allowedDomains],
          },
        },
        statefulRuleOptions: strictOrder,
      },
    });

    const references: nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty[] = [
      { resourceArn: this.allowedDomains.attrRuleGroupArn, priority: 100 },
    ];
    if (props.protectiveDns !== undefined) {
      this.protectiveDns = this.protectiveDnsRules(namePrefix, props.protectiveDns);
      references.push({ resourceArn: this.protectiveDns.attrRuleGroupArn, priority: 200 });
    }
    if (props.allowedFlows !== undefined && props.allowedFlows.length > 0) {
      this.allowedFlows = this.allowedFlowRules(namePrefix, props.allowedFlows);
      references.push({ resourceArn: this.allowedFlows.attrRuleGroupArn, priority: 300 });
    }

    this.policy = new nfw.CfnFirewallPolicy(this, 'Policy', {
      firewallPolicyName: `${namePrefix}-egress`,
      description:
        'Central egress: only allowed domains over HTTP and TLS; everything else dropped and logged',
      firewallPolicy: {
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'DROP' },
        statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        statefulRuleGroupReferences: references,
      },
    });
  }

  private allowedFlowRules(namePrefix: string, flows: readonly AllowedFlow[]): nfw.CfnRuleGroup {
    const rules = flows.flatMap((flow) =>
      flow.sourceCidrs.flatMap((source) =>
        flow.destinations.flatMap((destination) =>
          flow.ports.map((port) => ({ protocol: flow.protocol, source, destination, port })),
        ),
      ),
    );
    if (rules.length > ALLOWED_FLOWS_CAPACITY) {
      throw new Error(
        `the allowed flows make ${rules.length} firewall rules, more than the rule group's capacity of ${ALLOWED_FLOWS_CAPACITY}`,
      );
    }
    const statefulRules = passRules(rules);
    return new nfw.CfnRuleGroup(this, 'AllowedFlows', {
      ruleGroupName: `${namePrefix}-egress-allowed-flows`,
      // The flows' names, so the console says what each group is for (the description holds 512).
      description: `Non-web flows the configuration allows: ${flows.map((f) => f.name).join(', ')}`.slice(
        0,
        512,
      ),
      type: 'STATEFUL',
      capacity: ALLOWED_FLOWS_CAPACITY,
      ruleGroup: {
        rulesSource: { statefulRules },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
    });
  }

  private protectiveDnsRules(
    namePrefix: string,
    pdns: NonNullable<EgressFirewallPolicyProps['protectiveDns']>,
  ): nfw.CfnRuleGroup {
    // Explicit addresses rather than an IP-set variable, so each rule reads on its own in the console.
    const statefulRules = passRules(
      pdns.sourceCidrs.flatMap((source) =>
        pdns.resolverIps.flatMap((ip) =>
          ['UDP', 'TCP'].map((protocol) => ({ protocol, source, destination: `${ip}/32`, port: 53 })),
        ),
      ),
    );
    return new nfw.CfnRuleGroup(this, 'ProtectiveDns', {
      ruleGroupName: `${namePrefix}-egress-protective-dns`,
      description: 'DNS from the outbound Resolver endpoint to the NCSC Protective DNS resolvers',
      type: 'STATEFUL',
      capacity: PROTECTIVE_DNS_CAPACITY,
      ruleGroup: {
        rulesSource: { statefulRules },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
    });
  }
}

/** One stateful PASS rule per flow, numbered from 1 within its rule group (the Suricata sid). */
function passRules(
  flows: readonly { protocol: string; source: string; destination: string; port: number }[],
): nfw.CfnRuleGroup.StatefulRuleProperty[] {
  return flows.map(({ protocol, source, destination, port }, i) => ({
    action: 'PASS',
    header: {
      protocol,
      source,
      sourcePort: 'ANY',
      direction: 'FORWARD',
      destination,
      destinationPort: String(port),
    },
    ruleOptions: [{ keyword: 'sid', settings: [String(i + 1)] }],
  }));
}
