import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { UK_REGIONS } from '../config/regions';
import { DEFAULT_MINIMUM_LOG_RETENTION_DAYS } from '../config/schema';
import { bucketTlsOnly } from './rules/bucket-tls-only';
import { cmkForOfficialSensitive } from './rules/cmk-for-official-sensitive';
import { egressThroughNetworkFirewall } from './rules/egress-through-network-firewall';
import { githubOidcTrustPinned } from './rules/github-oidc-trust-pinned';
import { logRetentionMinimum } from './rules/log-retention-minimum';
import { requiredTags } from './rules/required-tags';
import { resourceInAllowedRegion } from './rules/resource-in-allowed-region';
import { roleTrustPrincipalCondition } from './rules/role-trust-principal-condition';
import { securityGroupInternetIngress } from './rules/security-group-internet-ingress';
import { transitGatewayExplicitRouting } from './rules/transit-gateway-explicit-routing';
import { vpcDnsFirewall } from './rules/vpc-dns-firewall';
import { vpcEndpointPolicy } from './rules/vpc-endpoint-policy';
import { vpnPreSharedKeyDynamicReference } from './rules/vpn-pre-shared-key-dynamic-reference';
import { vpnPreSharedKeyInSecretsManager } from './rules/vpn-pre-shared-key-in-secrets-manager';
import { vpnTunnelLogging } from './rules/vpn-tunnel-logging';
import { vpnTunnelStrongCrypto } from './rules/vpn-tunnel-strong-crypto';

/** The pack's name: findings are `Council-<Rule>`, acknowledged as `Council::Council-<Rule>`. */
export const COUNCIL_PACK_NAME = 'Council';

/** What the council's rules need from configuration (see councilChecksProps). */
export interface CouncilChecksProps extends NagPackProps {
  /** Regions the data-residency rule allows for this council. @default the UK regions only */
  readonly allowedRegions?: readonly string[];
  /** organisation.minimumLogRetentionDays. @default 365 */
  readonly minimumLogRetentionDays?: number;
  /** Name tags of the VPCs network.egressInspection.dnsFirewall protects. @default none */
  readonly dnsFirewallVpcs?: readonly string[];
  /** Name tag of the egress VPC when network.egressInspection.networkFirewall is on. @default none */
  readonly networkFirewallVpcs?: readonly string[];
}

/**
 * The council's own checks, for what the published packs miss (they have no VPN or Transit
 * Gateway rules, and know nothing of the council's regions, tags, classifications or retention;
 * see docs/security-rules.md). Each rule is a pure function in lib/compliance/rules/; the pack only picks
 * them and attaches the words and severity. Later issues add rules here.
 */
export class CouncilChecks extends NagPack {
  readonly name = COUNCIL_PACK_NAME;

  private readonly allowedRegions: readonly string[];
  private readonly minimumLogRetentionDays: number;
  private readonly dnsFirewallVpcs: readonly string[];
  private readonly networkFirewallVpcs: readonly string[];

  constructor(scope?: IConstruct, props?: CouncilChecksProps) {
    super(scope, props);
    this.packName = COUNCIL_PACK_NAME;
    this.allowedRegions = props?.allowedRegions ?? UK_REGIONS;
    this.minimumLogRetentionDays = props?.minimumLogRetentionDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS;
    this.dnsFirewallVpcs = props?.dnsFirewallVpcs ?? [];
    this.networkFirewallVpcs = props?.networkFirewallVpcs ?? [];
  }

  protected checkResource(node: CfnResource): void {
    this.checkVpnAndTransitGateway(node);
    this.checkEgressInspection(node);
    this.applyRule({
      ruleSuffixOverride: 'ResourceInAllowedRegion',
      info: `The resource is in a region the council's data-residency rule does not allow (allowed: ${this.allowedRegions.join(', ')}); the finding names the region.`,
      explanation:
        'Council data may only be stored where organisation.dataResidency allows: the home region, and the DR region where ' +
        'the rule covers it. A stack elsewhere (or without an explicit region) could put personal data outside UK GDPR terms.',
      level: NagMessageLevel.ERROR,
      rule: resourceInAllowedRegion(this.allowedRegions),
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RequiredTags',
      info: 'The resource is missing one of the required tags owner, classification, wave and cost-centre; the finding names it.',
      explanation:
        'Tags route alerts and costs, drive backup selection, and tell an investigator what data a resource holds and which ' +
        'migration wave brought it. The app tags shared infrastructure; workloads tag their own from the wave files.',
      level: NagMessageLevel.ERROR,
      rule: requiredTags,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'CMKForOfficialSensitive',
      info: 'A resource tagged classification OFFICIAL-SENSITIVE is not encrypted with a customer-managed KMS key.',
      explanation:
        'OFFICIAL-SENSITIVE data (RDS, S3, log groups, SNS, secrets, backup vaults, EBS) must use a customer-managed key in ' +
        'the same stack, so the council controls, audits and can revoke access; AWS managed keys and aliases do not allow that.',
      level: NagMessageLevel.ERROR,
      rule: cmkForOfficialSensitive,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'SecurityGroupInternetIngress',
      info: 'The security group admits traffic from 0.0.0.0/0 or ::/0.',
      explanation:
        'Only a declared public entry point (a security group tagged public-entry-point: true, e.g. an internet-facing load ' +
        'balancer) may be open to the internet; everything else admits named council ranges or other security groups.',
      level: NagMessageLevel.ERROR,
      rule: securityGroupInternetIngress,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'LogRetentionMinimum',
      info: `The log group keeps its logs for less than the council's minimum of ${this.minimumLogRetentionDays} days.`,
      explanation:
        'Logs are evidence for investigations and audits; organisation.minimumLogRetentionDays sets the shortest retention any ' +
        'log group may have.',
      level: NagMessageLevel.ERROR,
      rule: logRetentionMinimum(this.minimumLogRetentionDays),
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'BucketTLSOnly',
      info: 'The S3 bucket has no bucket policy denying requests without TLS (aws:SecureTransport false).',
      explanation:
        'Without the Deny statement a client can read or write council data over plain HTTP. Set enforceSSL: true on the ' +
        'Bucket, or add the statement to its bucket policy.',
      level: NagMessageLevel.ERROR,
      rule: bucketTlsOnly,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'GithubOidcTrustPinned',
      info: 'A role GitHub Actions can assume does not pin the token to STS and one literal subject with StringEquals (and, for the pull-request diff environment, one workflow at a branch).',
      explanation:
        'A wildcard or a StringLike subject lets any branch, any workflow or another repository assume the role, and with it ' +
        "the account's CDK bootstrap roles. Trust repo:<owner>/<name>:environment:<environment> (or :pull_request) exactly. " +
        'A role pull requests reach through the diff environment also pins job_workflow_ref to <owner>/<name>/.github/workflows/<file>@refs/heads/<branch>.',
      level: NagMessageLevel.ERROR,
      rule: githubOidcTrustPinned,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RoleTrustPrincipalCondition',
      info: 'A role trusts a whole account (its root, or *) without an aws:PrincipalArn condition naming who may assume it.',
      explanation:
        'Trusting an account root hands the decision to every IAM policy in that account: any principal there allowed ' +
        'sts:AssumeRole on * (a CI runner, a server, a compromised user) becomes the role. Name the roles, or keep the ' +
        'account principal and add ArnLike aws:PrincipalArn with the trusted role ARNs.',
      level: NagMessageLevel.ERROR,
      rule: roleTrustPrincipalCondition,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPCEndpointPolicy',
      info: 'A VPC endpoint has no policy, or a statement that is not bounded to the organisation, an account or named resources.',
      explanation:
        'An endpoint without a policy allows any request, so a workload holding credentials of another AWS account could ' +
        'copy council data to that account through it. Allow only principals and resources of the organisation ' +
        '(aws:PrincipalOrgID, aws:ResourceOrgID) and the AWS-owned buckets patching reads.',
      level: NagMessageLevel.ERROR,
      rule: vpcEndpointPolicy,
      node,
    });
  }

  private checkEgressInspection(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'VPCDNSFirewall',
      info: 'A VPC the configuration protects with DNS Firewall has no DNS Firewall rule group association in its stack.',
      explanation:
        'network.egressInspection.dnsFirewall names the VPC, so its Route 53 Resolver must check every lookup against the AWS ' +
        'managed threat lists (malware, botnet command and control). Without the association the VPC resolves those names ' +
        'as if the protection did not exist. Associate the rule group in the VPC stack (DnsFirewallAssociation).',
      level: NagMessageLevel.ERROR,
      rule: vpcDnsFirewall(this.dnsFirewallVpcs),
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'EgressThroughNetworkFirewall',
      info: 'Central egress the configuration inspects does not pass its Network Firewall in both directions.',
      explanation:
        'With network.egressInspection.networkFirewall on, the egress VPC needs its firewall, a default route from every ' +
        "Transit Gateway attachment subnet to a firewall endpoint, and the NAT gateways' subnets routing the spokes back " +
        'through the firewall, never straight to the Transit Gateway. A route around the firewall skips the allow-list ' +
        '(or, one way only, breaks every flow at its stateful engine). LandingZoneVpc writes these routes.',
      level: NagMessageLevel.ERROR,
      rule: egressThroughNetworkFirewall(this.networkFirewallVpcs),
      node,
    });
  }

  private checkVpnAndTransitGateway(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'VPNTunnelStrongCrypto',
      info: 'A site-to-site VPN tunnel is missing or allows weak IKE/IPsec settings.',
      explanation:
        'Both tunnels must be listed and use IKEv2 only, AES-256 (CBC or GCM), SHA-2 integrity, Diffie-Hellman groups only ' +
        'from 14, 15, 16, 19, 20 and 21 in both phases (22 to 24 are weak, RFC 8247), lifetimes within 28800 s (phase 1) and 3600 s (phase 2), and DPD action restart. ' +
        'Unlisted settings fall back to AWS defaults that include IKEv1, AES-128, SHA-1 and DH group 2 (NCSC IPsec guidance). ' +
        'A connection with metadata lz:tunnelHardening: pending (a deployed site awaiting its change window) may still offer the ' +
        'groups it was deployed with, 14 to 24, and nothing else weaker.',
      level: NagMessageLevel.ERROR,
      rule: vpnTunnelStrongCrypto,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPNTunnelLogging',
      info: 'A site-to-site VPN tunnel does not send its logs to CloudWatch Logs.',
      explanation:
        'Both tunnels must enable logOptions.cloudwatchLogOptions with a log group, so failed negotiations can be diagnosed ' +
        'from AWS and there is a record for investigations.',
      level: NagMessageLevel.ERROR,
      rule: vpnTunnelLogging,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPNPreSharedKeyDynamicReference',
      info: 'A site-to-site VPN tunnel has a pre-shared key written into the template.',
      explanation:
        'Pre-shared keys must be dynamic references ({{resolve:secretsmanager:...}}) to a secret, never literal text in ' +
        'configuration, source control or CloudFormation.',
      level: NagMessageLevel.ERROR,
      rule: vpnPreSharedKeyDynamicReference,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPNPreSharedKeyInSecretsManager',
      info: 'A site-to-site VPN connection does not keep its pre-shared keys in Secrets Manager.',
      explanation:
        'With PreSharedKeyStorage Standard (the default) ec2:DescribeVpnConnections returns both tunnel keys in clear ' +
        'to anyone allowed that read-only action. Set PreSharedKeyStorage: SecretsManager.',
      level: NagMessageLevel.ERROR,
      rule: vpnPreSharedKeyInSecretsManager,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'TransitGatewayExplicitRouting',
      info: 'The Transit Gateway auto-accepts shared attachments or uses a default route table.',
      explanation:
        'Set autoAcceptSharedAttachments, defaultRouteTableAssociation and defaultRouteTablePropagation to disable, so every ' +
        'attachment reaches only the segments its configuration names.',
      level: NagMessageLevel.ERROR,
      rule: transitGatewayExplicitRouting,
      node,
    });
  }
}
